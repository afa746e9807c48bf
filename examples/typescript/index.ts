import * as pulumi from "@pulumi/pulumi";
import * as zerotrust from "@zerotrust-kv/zerotrust";

const config = new pulumi.Config();

// A vault reachable only through a private endpoint in an existing subnet,
// readable by one managed identity, holding one secret. Everything else takes
// the component's zero-trust defaults; unsafe settings are refused with the
// same messages as in Go.
const vault = new zerotrust.keyvault.ZeroTrustVault("vault", {
    resourceGroupName: config.require("resourceGroupName"),
    location: config.get("location") ?? "westeurope",
    privateEndpoints: [{ subnetId: config.require("endpointSubnetId") }],
    roleAssignments: [{
        key: "app",
        principalId: config.require("appPrincipalId"),
        role: "Key Vault Secrets User",
    }],
    secrets: [{
        name: "db-password",
        value: config.requireSecret("dbPassword"),
        contentType: "text/plain",
    }],
    tags: { "cost-center": "platform" },
});

export const vaultUri = vault.vaultUri;
export const secretUris = vault.secretUris;
