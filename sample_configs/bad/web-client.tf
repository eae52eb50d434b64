# A single-page app's client in Terraform, configured the way many tutorials show it.
resource "aws_cognito_user_pool_client" "spa" {
  name         = "acme-spa"
  user_pool_id = aws_cognito_user_pool.users.id

  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["implicit", "code"]
  allowed_oauth_scopes                 = ["openid", "email", "aws.cognito.signin.user.admin"]
  callback_urls                        = ["http://app.acme-corp.io/callback"]
  supported_identity_providers         = ["COGNITO"]

  # Password sign-in from the browser, without a secret.
  explicit_auth_flows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]

  access_token_validity = 48 # hours: longer than the service allows
}
