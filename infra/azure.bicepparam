// Parameters of azure.bicep for the Azure CLI, read from the same variables as the Agents
// Toolkit's azure.parameters.json. Load an environment's files first, then deploy:
//
//   set -a; . env/.env.dev; . env/.env.dev.user; set +a
//   az deployment group create -g <group> -f infra/azure.bicep -p infra/azure.bicepparam
//
// A variable without a default below must be set; the others may be empty.
using './azure.bicep'

param resourceBaseName = 'reap${readEnvironmentVariable('APP_NAME_SUFFIX', '')}'
param webAppSku = readEnvironmentVariable('AZURE_APP_SERVICE_SKU', '')
param botAadAppClientId = readEnvironmentVariable('BOT_ID')
param botAadAppClientSecret = readEnvironmentVariable('SECRET_BOT_PASSWORD')
param tenantId = readEnvironmentVariable('BOT_TENANT_ID')
param aadAppClientId = readEnvironmentVariable('AAD_APP_CLIENT_ID')
param customHostName = readEnvironmentVariable('CUSTOM_HOST_NAME', '')
param sharePointSiteUrl = readEnvironmentVariable('SHAREPOINT_SITE_URL', '')
param graphClientId = readEnvironmentVariable('GRAPH_CLIENT_ID', '')
param graphClientSecret = readEnvironmentVariable('SECRET_GRAPH_CLIENT_SECRET', '')
param equityOfficerAppRole = readEnvironmentVariable('EQUITY_OFFICER_APP_ROLE', '')
param equityOfficerGroupId = readEnvironmentVariable('EQUITY_OFFICER_GROUP_ID', '')
param equityOfficerObjectIds = readEnvironmentVariable('EQUITY_OFFICER_OBJECT_IDS', '')
param teamsAppCatalogId = readEnvironmentVariable('TEAMS_APP_CATALOG_ID', '')
param botServiceUrl = readEnvironmentVariable('BOT_SERVICE_URL', '')
param planSettingsFile = readEnvironmentVariable('PLAN_SETTINGS_FILE', '')
