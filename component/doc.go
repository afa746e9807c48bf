// Package component provides ZeroTrustVault, a Pulumi component resource that
// deploys an Azure Key Vault which follows the project's zero-trust guide with
// no further thought from the caller.
//
// One call to NewZeroTrustVault creates, as children of the component:
//
//   - the vault, with the RBAC permission model, public network access
//     disabled, a firewall whose default action is Deny, no trusted-service
//     bypass, soft delete (90 days) and purge protection that cannot be
//     switched off;
//   - firewall rules (public IPv4 ranges and virtual-network subnets), checked
//     against Azure's rules and the project's own limits before anything is
//     registered;
//   - private endpoints with their private DNS wiring (a new
//     privatelink.vaultcore zone and its virtual-network links, an existing
//     hub zone, or none when Azure Policy manages the records);
//   - role assignments at vault scope with deterministic names, refusing
//     privileged roles unless the caller opts in;
//   - diagnostic settings that always send the audit logs to Log Analytics;
//   - a CanNotDelete management lock on the vault and its private endpoints.
//
// Arguments that decide which resources exist are plain Go values, so the
// resource graph is known when the component is constructed and every plain
// argument is validated before anything is registered. Values that come from
// other resources are pulumi inputs and are validated when they become known.
package component
