# Creates the browser app's client with AWS Tools for PowerShell.
Import-Module AWS.Tools.CognitoIdentityProvider

$clientSettings = @{
    UserPoolId                      = 'eu-west-1_Ab12Cd34E'
    ClientName                      = 'acme-web'
    GenerateSecret                  = $false
    AllowedOAuthFlowsUserPoolClient = $true
    AllowedOAuthFlow                = @('code')
    AllowedOAuthScope               = @('openid', 'email', 'profile')
    SupportedIdentityProvider       = 'COGNITO'
    CallbackURLs                    = 'https://app.acme-corp.io/auth/callback'
    DefaultRedirectURI              = 'https://app.acme-corp.io/auth/callback'
    LogoutURLs                      = "https://$AppDomain/signed-out"
    ExplicitAuthFlow                = 'ALLOW_USER_SRP_AUTH'
    PreventUserExistenceError       = 'ENABLED'
    EnableTokenRevocation           = $true
    ReadAttribute                   = 'email', 'email_verified', 'name'
    WriteAttribute                  = 'name'
}

$client = New-CGIPUserPoolClient @clientSettings `
    -AccessTokenValidity 15 -IdTokenValidity 15 -RefreshTokenValidity 7 `
    -TokenValidityUnits_AccessToken minutes -TokenValidityUnits_IdToken minutes -TokenValidityUnits_RefreshToken days `
    -RefreshTokenRotation_Feature ENABLED -RefreshTokenRotation_RetryGracePeriodSecond 0 `
    -Region eu-west-1

Write-Host "Created client $($client.ClientId)"
