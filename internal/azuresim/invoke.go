package azuresim

import (
	"context"
	"fmt"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Function tokens the simulator answers.
const (
	fnGetClientConfig     = "azure-native:authorization:getClientConfig"
	fnGetNetworkInterface = "azure-native:network:getNetworkInterface"
)

// Invoke answers getClientConfig with the simulated identity and
// getNetworkInterface with the network interface the simulator created
// for a private endpoint. Any other function is refused as not simulated.
func (s *Server) Invoke(ctx context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	s.delay(ctx)
	switch canonicalToken(req.GetTok()) {
	case fnGetClientConfig:
		s.mu.Lock()
		st := s.settings
		s.mu.Unlock()
		ret, err := marshal("getClientConfig result", toPropertyMap(map[string]any{
			"clientId":       st.ClientID,
			"objectId":       st.ObjectID,
			"subscriptionId": st.SubscriptionID,
			"tenantId":       st.TenantID,
		}, nil))
		if err != nil {
			return nil, err
		}
		return &pulumirpc.InvokeResponse{Return: ret}, nil
	case fnGetNetworkInterface:
		return s.getNetworkInterface(req)
	}
	return nil, &NotSimulatedError{Kind: "function", Token: req.GetTok()}
}

// getNetworkInterface looks a network interface up by resource group and
// name.
func (s *Server) getNetworkInterface(req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	cloud, err := s.getCloud()
	if err != nil {
		return nil, err
	}
	args, err := unmarshal("getNetworkInterface arguments", req.GetArgs())
	if err != nil {
		return nil, err
	}
	in := unwrapping.object(args)
	rg, name := getStr(in, "resourceGroupName"), getStr(in, "networkInterfaceName")
	if rg == "" || name == "" {
		return nil, azErr(400, "MissingParameter", "getNetworkInterface needs resourceGroupName and networkInterfaceName")
	}
	id := fmt.Sprintf(nicIDFormat, cloud.settings.SubscriptionID, rg, name)
	var out map[string]any
	err = cloud.store.View(func(w *World) error {
		nic, ok := w.Get(id)
		if !ok {
			for _, r := range w.OfType(tokNetworkInterface) {
				if _, g, ok := resourceGroupOf(r.ID); ok && strings.EqualFold(g, rg) && strings.EqualFold(lastSegment(r.ID), name) {
					nic = r
					break
				}
			}
		}
		if nic == nil {
			return azErr(404, "ResourceNotFound",
				"The Resource 'Microsoft.Network/networkInterfaces/%s' under resource group '%s' was not found.", name, rg)
		}
		out = copyMap(nic.Outputs)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ret, err := marshal("getNetworkInterface result", toPropertyMap(out, nil))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: ret}, nil
}
