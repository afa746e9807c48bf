// Command ztkv runs the project's main job: preview and update a stack with
// the zerotrust-keyvault policy pack as a gate, offline against the local
// Azure simulator (default) or against real Azure (--target azure).
//
//	ztkv [--stack dev] [--target offline|azure] demo|preview|up|refresh|destroy|build
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/offline"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/program"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ztkv:", err)
		os.Exit(1)
	}
}

func run() error {
	stack := flag.String("stack", "dev", "stack to deploy (stacks/Pulumi.<stack>.yaml)")
	target := flag.String("target", "offline", "offline (local Azure simulator) or azure (your credentials, real provider)")
	pack := flag.String("policy-pack", "", "policy pack executable or directory (default: the built .bin/zerotrust-keyvault-policy)")
	work := flag.String("work", "", "folder for offline state (default .offline in the repository)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: ztkv [flags] demo|preview|up|refresh|destroy|build\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		return errors.New("one command is required")
	}
	cmdName := flag.Arg(0)
	tgt, err := offline.ValidTarget(*target)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	root, err := offline.FindRoot(wd)
	if err != nil {
		return err
	}
	l := offline.NewLayout(root, *work)
	out := os.Stdout

	cli, err := offline.EnsureCLI(ctx, l, out)
	if err != nil {
		return err
	}
	if *pack == "" {
		fmt.Fprintln(out, "Building the policy pack executable...")
		if err := offline.BuildPolicyPack(ctx, l, out); err != nil {
			return err
		}
		*pack = l.PolicyPackPath()
	}
	if tgt == offline.TargetOffline {
		fmt.Fprintln(out, "Building the local Azure simulator (offline test double of Azure Resource Manager)...")
		if err := offline.BuildSimulator(ctx, l, out); err != nil {
			return err
		}
	}
	if cmdName == "build" {
		return nil
	}

	s, err := offline.OpenStack(ctx, l, cli, offline.StackOptions{Stack: *stack, Target: tgt, Program: program.Run})
	if err != nil {
		return err
	}
	if tgt == offline.TargetOffline {
		if err := offline.SeedExisting(ctx, l, *stack, out); err != nil {
			return err
		}
	}
	r := &offline.Runner{Stack: s, Layout: l, Target: tgt, Out: out, PolicyPack: *pack}
	switch cmdName {
	case "demo":
		return r.Demo(ctx)
	case "preview":
		rec, _, err := r.Preview(ctx)
		rec.PrintSteps(out, "Plan")
		rec.PrintPolicies(out)
		return err
	case "up":
		rec, _, err := r.GatedUp(ctx)
		rec.PrintPolicies(out)
		return err
	case "refresh":
		_, err := r.Refresh(ctx)
		return err
	case "destroy":
		_, err := r.Destroy(ctx)
		return err
	}
	flag.Usage()
	return fmt.Errorf("unknown command %q", cmdName)
}
