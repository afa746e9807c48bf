"""A zero-trust Key Vault from Python.

A vault reachable only through a private endpoint in an existing subnet,
readable by one managed identity, holding one secret. Everything else takes
the component's zero-trust defaults; unsafe settings are refused with the same
messages as in Go.
"""

import pulumi
import pulumi_zerotrust as zerotrust

config = pulumi.Config()

vault = zerotrust.keyvault.ZeroTrustVault(
    "vault",
    resource_group_name=config.require("resourceGroupName"),
    location=config.get("location") or "westeurope",
    private_endpoints=[
        zerotrust.keyvault.PrivateEndpointArgs(subnet_id=config.require("endpointSubnetId")),
    ],
    role_assignments=[
        zerotrust.keyvault.RoleAssignmentArgs(
            key="app",
            principal_id=config.require("appPrincipalId"),
            role="Key Vault Secrets User",
        ),
    ],
    secrets=[
        zerotrust.keyvault.SecretArgs(
            name="db-password",
            value=config.require_secret("dbPassword"),
            content_type="text/plain",
        ),
    ],
    tags={"cost-center": "platform"},
)

pulumi.export("vault_uri", vault.vault_uri)
pulumi.export("secret_uris", vault.secret_uris)
