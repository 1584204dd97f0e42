// reap in a city's Azure subscription, in one resource group:
//   - an App Service plan and a Linux Web App (Node 20 LTS) serving the bot, the tab and its API,
//     with a system-assigned managed identity;
//   - the Azure Bot registration (single-tenant) with the Microsoft Teams channel;
//   - a Key Vault (RBAC) holding the secrets the app reads through Key Vault references;
//   - Application Insights on a Log Analytics workspace;
//   - a Storage account for running more than one instance (queues, tables, a lease blob).
//
// Deployed by the Microsoft 365 Agents Toolkit (m365agents.yml, arm/deploy with
// azure.parameters.json) or by the Azure CLI:
//   az deployment group create -g <group> -f infra/azure.bicep -p infra/azure.bicepparam
//
// The toolkit leaves `${{NAME}}` in a parameters file as it is when NAME is empty, so an optional
// value that is not set arrives as its own placeholder; `unsetMark` below treats it as empty.
// Written for Bicep v0.9.1, the version m365agents.yml pins.

@minLength(3)
@maxLength(20)
@description('Prefix of every resource name, e.g. reapdev: a letter first, then letters, digits or hyphens.')
param resourceBaseName string

@description('Azure region of the resources (the bot registration itself is global).')
param location string = resourceGroup().location

@description('App Service plan SKU: B1 for a trial, P0v3 or P1v3 for a city in production (always on either way).')
param webAppSku string = 'B1'

@description('Pricing tier of the Azure Bot: F0 serves the Teams channel; S1 only matters for premium channels.')
param botSku string = 'F0'

@description('Client (app) id of the bot\'s Entra app registration (BOT_ID).')
param botAadAppClientId string

@secure()
@description('Client secret of the bot\'s app registration (BOT_PASSWORD); kept in Key Vault.')
param botAadAppClientSecret string

@description('The city\'s Entra tenant id (BOT_TENANT_ID, AAD_APP_TENANT_ID): the bot and the tab are single-tenant.')
param tenantId string

@description('Client id of the tab\'s Entra app (AAD_APP_CLIENT_ID), whose Teams SSO tokens reap accepts.')
param aadAppClientId string

@description('A custom host name already bound to the web app with its certificate, e.g. reap.milwaukee.gov; empty: the azurewebsites.net name.')
param customHostName string = ''

@description('The SharePoint site of reap\'s lists (SHAREPOINT_SITE_URL); empty: SQLite under /home.')
param sharePointSiteUrl string = ''

@description('The Entra app granted Sites.Selected on that site (GRAPH_CLIENT_ID); empty: the bot\'s app.')
param graphClientId string = ''

@secure()
@description('Client secret of that app (GRAPH_CLIENT_SECRET); empty: the bot\'s secret. Kept in Key Vault.')
param graphClientSecret string = ''

@description('App role that makes a person Equity Officer (EQUITY_OFFICER_APP_ROLE).')
param equityOfficerAppRole string = 'EquityOfficer'

@description('Entra group whose members act as Equity Officer (EQUITY_OFFICER_GROUP_ID); may be empty.')
param equityOfficerGroupId string = ''

@description('Comma-separated Entra object ids of Equity Officers, for the bot (EQUITY_OFFICER_OBJECT_IDS); may be empty.')
param equityOfficerObjectIds string = ''

@description('reap\'s id in the org\'s Teams app catalog (TEAMS_APP_CATALOG_ID), known once the app is uploaded; may be empty.')
param teamsAppCatalogId string = ''

@description('Bot Connector address of the tenant\'s region (BOT_SERVICE_URL).')
param botServiceUrl string = 'https://smba.trafficmanager.net/amer/'

@description('A plan settings JSON file on the server, e.g. /home/data/plan-settings.json (PLAN_SETTINGS_FILE); empty: Milwaukee 2020-2021.')
param planSettingsFile string = ''

@description('Days Log Analytics keeps reap\'s logs and telemetry.')
param logRetentionDays int = 30

var unsetMark = '\${{'
var sku = empty(webAppSku) || startsWith(webAppSku, unsetMark) ? 'B1' : webAppSku
var customHost = startsWith(customHostName, unsetMark) ? '' : customHostName
var siteUrl = startsWith(sharePointSiteUrl, unsetMark) ? '' : sharePointSiteUrl
var graphAppId = empty(graphClientId) || startsWith(graphClientId, unsetMark) ? botAadAppClientId : graphClientId
var graphSecretGiven = !empty(graphClientSecret) && !startsWith(graphClientSecret, unsetMark)
var officerAppRole = empty(equityOfficerAppRole) || startsWith(equityOfficerAppRole, unsetMark) ? 'EquityOfficer' : equityOfficerAppRole
var officerGroupId = startsWith(equityOfficerGroupId, unsetMark) ? '' : equityOfficerGroupId
var officerObjectIds = startsWith(equityOfficerObjectIds, unsetMark) ? '' : equityOfficerObjectIds
var catalogId = startsWith(teamsAppCatalogId, unsetMark) ? '' : teamsAppCatalogId
var serviceUrl = empty(botServiceUrl) || startsWith(botServiceUrl, unsetMark) ? 'https://smba.trafficmanager.net/amer/' : botServiceUrl
var settingsFile = startsWith(planSettingsFile, unsetMark) ? '' : planSettingsFile

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var shortSuffix = take(suffix, 6)
var planName = '${resourceBaseName}-plan-${shortSuffix}'
var webAppName = '${resourceBaseName}-${shortSuffix}'
var botName = '${resourceBaseName}-bot-${shortSuffix}'
var workspaceName = '${resourceBaseName}-logs-${shortSuffix}'
var appInsightsName = '${resourceBaseName}-insights-${shortSuffix}'
var keyVaultName = take('${resourceBaseName}kv${suffix}', 24)
var storageAccountName = take(toLower(replace('${resourceBaseName}st${suffix}', '-', '')), 24)

// The site's own app settings cannot read the site's properties, so the default host name is
// spelled out: App Service names a site <name>.azurewebsites.net.
var publicHost = empty(customHost) ? '${webAppName}.azurewebsites.net' : customHost
var publicUrl = 'https://${publicHost}'

// Non-versioned secret URIs: App Service picks up a new secret version within a day, or at once
// on a restart.
var botPasswordSecretName = 'bot-password'
var graphSecretName = graphSecretGiven ? 'graph-client-secret' : botPasswordSecretName
var storageSecretName = 'storage-connection-string'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: workspaceName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: botPasswordSecretName
  properties: {
    value: botAadAppClientSecret
  }
}

resource graphClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (graphSecretGiven) {
  parent: keyVault
  name: 'graph-client-secret'
  properties: {
    value: graphClientSecret
  }
}

// Shared by the instances once reap runs more than one (the send queue, conversation references,
// and the lease that lets one instance run scheduled jobs). reap creates its queues and tables on
// first use; the lease container is made here.
resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: storage
  name: 'default'
}

resource leaseContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blobService
  name: 'reap-leases'
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-01-01' = {
  parent: storage
  name: 'default'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-01-01' = {
  parent: storage
  name: 'default'
}

resource storageConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: storageSecretName
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

// One instance until the send queue moves to Azure Storage: the local queue in DATA_DIR is not
// shared between instances.
resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: sku
    capacity: 1
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // A person stays on one instance, where their API rate limit is counted.
    clientAffinityEnabled: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // Oryx builds on deployment (npm install, npm run build); this starts the built server.
      appCommandLine: 'node dist/src/server/main.js'
      // Reminder campaigns and quarterly reminders run inside the server process.
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appSettings: [
        // App Service sets PORT for the Node container and sends requests there.
        {
          name: 'HOST'
          value: '0.0.0.0'
        }
        // /home survives restarts and deployments (/home/site/wwwroot does not keep data).
        {
          name: 'DATA_DIR'
          value: '/home/data/reap'
        }
        {
          name: 'PUBLIC_URL'
          value: publicUrl
        }
        // A tenant gets the plan only, never the synthetic demo city.
        {
          name: 'REAP_SEED'
          value: 'plan'
        }
        {
          name: 'PLAN_SETTINGS_FILE'
          value: settingsFile
        }
        {
          name: 'BOT_ID'
          value: botAadAppClientId
        }
        {
          name: 'BOT_PASSWORD'
          value: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${botPasswordSecretName})'
        }
        {
          name: 'BOT_TENANT_ID'
          value: tenantId
        }
        {
          name: 'BOT_SERVICE_URL'
          value: serviceUrl
        }
        {
          name: 'AAD_APP_CLIENT_ID'
          value: aadAppClientId
        }
        {
          name: 'AAD_APP_TENANT_ID'
          value: tenantId
        }
        {
          name: 'AAD_APP_ID_URI'
          value: 'api://${publicHost}/${aadAppClientId}'
        }
        {
          name: 'EQUITY_OFFICER_APP_ROLE'
          value: officerAppRole
        }
        {
          name: 'EQUITY_OFFICER_GROUP_ID'
          value: officerGroupId
        }
        {
          name: 'EQUITY_OFFICER_OBJECT_IDS'
          value: officerObjectIds
        }
        {
          name: 'TEAMS_APP_CATALOG_ID'
          value: catalogId
        }
        {
          name: 'SHAREPOINT_SITE_URL'
          value: siteUrl
        }
        {
          name: 'GRAPH_TENANT_ID'
          value: tenantId
        }
        {
          name: 'GRAPH_CLIENT_ID'
          value: graphAppId
        }
        {
          name: 'GRAPH_CLIENT_SECRET'
          value: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${graphSecretName})'
        }
        {
          name: 'AZURE_STORAGE_CONNECTION_STRING'
          value: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${storageSecretName})'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'LOG_LEVEL'
          value: 'info'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        {
          name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE'
          value: 'true'
        }
      ]
    }
  }
  dependsOn: [
    botPasswordSecret
    graphClientSecretSecret
    storageConnectionSecret
  ]
}

// The web app reads its secrets through Key Vault references, as its managed identity.
resource webAppSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: resourceBaseName
    endpoint: '${publicUrl}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

// Written to env/.env.<env> by the Agents Toolkit, under these names.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output AZURE_WEB_APP_NAME string = webApp.name
output AZURE_KEY_VAULT_NAME string = keyVault.name
output AZURE_BOT_NAME string = bot.name
output TAB_ENDPOINT string = publicUrl
output TAB_DOMAIN string = publicHost
