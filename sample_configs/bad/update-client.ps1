# "Just add the staging callback": an update that also resets every setting it leaves out.
Update-CGIPUserPoolClient -UserPoolId 'eu-west-1_Ab12Cd34E' -ClientId '4mpl3cl13nt1d00000000000aa' `
    -AllowedOAuthFlowsUserPoolClient $true -AllowedOAuthFlow code -AllowedOAuthScope openid `
    -CallbackURLs 'https://app.acme-corp.io/auth/callback', 'http://staging.acme-corp.io/auth/callback'
