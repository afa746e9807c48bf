// Package azuresim is an offline test double of Azure Resource Manager (ARM),
// packaged as a Pulumi resource provider named azure-native.
//
// It exists so that the real Pulumi engine can run preview, up, refresh and
// destroy of this project's programs on a machine with no Azure access and
// no credentials. Nothing is ever sent to Azure: every resource lives in a
// "simulated cloud", a JSON file named by the AZSIM_STATE environment
// variable, shared by every process that uses the same file.
//
// The package is organised by concept:
//
//   - world.go, index.go: the simulated cloud, its records, and the
//     indexes that spare every lookup a scan of all resources.
//   - store.go, lockfile_*.go: the world kept in memory for the life of
//     the process and its file-locked persistence (a JSON snapshot with a
//     journal of changes appended in place, compacted atomically).
//   - values.go, secrets.go, paths.go: plain property values, property paths,
//     and the rule that secret values are only ever stored as salted
//     SHA-256 digests.
//   - spec.go and specs_*.go: one table entry per simulated resource type
//     (ARM ID template, name parameter, create-only properties, references
//     that must exist, output enrichment, Azure validation hooks).
//   - rules.go, netalloc.go, ids.go: Azure rules shared by the specs (vault
//     names, public IP rules, GUIDs, locks, private IP allocation, ARM IDs).
//   - cloud.go: the ARM-like operations (PUT, GET, DELETE, purge, recover).
//   - faults.go, settings.go, profile.go: environment knobs (latency,
//     failures, crashes, tenant and subscription identity, CPU profile).
//   - errors.go: Azure-shaped errors, always marked as coming from the
//     simulator.
//   - provider.go, diff.go, invoke.go: the Pulumi provider gRPC server.
//   - serve.go: the plugin's main loop (connect to the engine, serve,
//     print the port).
//   - admin.go: the "sim" administration command line of the plugin binary.
//
// README.md next to this file documents the behaviour, the knobs and the
// fidelity limits for users.
package azuresim
