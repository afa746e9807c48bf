package azuresim

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// ServePlugin runs the resource provider plugin protocol, as the engine
// expects from a plugin executable: it connects back to the engine at the
// address given as the last argument (flags such as --logtostderr, -v=N and
// --tracing <endpoint> are accepted and ignored), serves the provider on a
// free local port, prints that port on stdout, and stops when the engine
// goes away or sends an interrupt.
//
// It does the job of the SDK's provider.Main with the SDK's own gRPC
// helpers, without pulling OpenTelemetry bridges into the module.
func ServePlugin(args []string, stdout io.Writer, opts Options) error {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	stopProfile, err := startCPUProfile(getenv)
	if err != nil {
		return err
	}
	defer stopProfile()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if addr := engineAddress(args); addr != "" {
		conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()), rpcutil.GrpcChannelOptions())
		if err != nil {
			return fmt.Errorf("azure simulator: connecting to the engine at %s: %w", addr, err)
		}
		defer conn.Close()
		opts.Host = engineLogger{client: pulumirpc.NewEngineClient(conn)}
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		if err := rpcutil.Healthcheck(ctx, addr, 5*time.Minute, cancel); err != nil {
			return fmt.Errorf("azure simulator: watching the engine at %s: %w", addr, err)
		}
	}
	srv, err := NewServer(opts)
	if err != nil {
		return err
	}
	done := make(chan bool)
	go func() {
		<-ctx.Done()
		close(done)
	}()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: done,
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(s, srv)
			return nil
		},
	})
	if err != nil {
		return fmt.Errorf("azure simulator: serving the provider: %w", err)
	}
	if _, err := fmt.Fprintf(stdout, "%d\n", handle.Port); err != nil {
		return fmt.Errorf("azure simulator: announcing the port: %w", err)
	}
	if err := <-handle.Done; err != nil {
		return fmt.Errorf("azure simulator: provider server stopped: %w", err)
	}
	return srv.Close()
}

// engineAddress returns the engine address among plugin arguments.
func engineAddress(args []string) string {
	addr := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--tracing" || a == "-tracing":
			i++ // skip the endpoint
		case strings.HasPrefix(a, "-"):
		default:
			addr = a
		}
	}
	return addr
}

// engineLogger sends log messages to the engine.
type engineLogger struct {
	client pulumirpc.EngineClient
}

// Log implements Logger.
func (l engineLogger) Log(ctx context.Context, sev diag.Severity, urn resource.URN, msg string) error {
	rpcsev := pulumirpc.LogSeverity_INFO
	switch sev {
	case diag.Debug:
		rpcsev = pulumirpc.LogSeverity_DEBUG
	case diag.Warning:
		rpcsev = pulumirpc.LogSeverity_WARNING
	case diag.Error:
		rpcsev = pulumirpc.LogSeverity_ERROR
	}
	_, err := l.client.Log(ctx, &pulumirpc.LogRequest{Severity: rpcsev, Message: msg, Urn: string(urn)})
	return err
}
