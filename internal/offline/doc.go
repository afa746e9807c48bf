// Package offline drives the project's Pulumi program through the Automation
// API with the real Pulumi engine: against the local Azure simulator (a test
// double of Azure Resource Manager, no cloud and no credentials) or, when
// asked, against real Azure with the user's credentials and the real
// azure-native provider. The policy pack gates every preview and update.
//
// Everything the offline path writes stays in the repository's git-ignored
// .offline/ (state backend, PULUMI_HOME, the simulated cloud) and .bin/
// (the pinned Pulumi CLI, the simulator plugin, the policy-pack executable).
package offline
