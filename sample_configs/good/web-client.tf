# A browser app's client in Terraform: code flow, HTTPS URLs, short tokens, rotation on.
resource "aws_cognito_user_pool_client" "web" {
  name         = "acme-web"
  user_pool_id = aws_cognito_user_pool.users.id

  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = ["https://app.acme-corp.io/auth/callback"]
  default_redirect_uri                 = "https://app.acme-corp.io/auth/callback"
  logout_urls                          = ["https://${var.app_domain}/signed-out"]

  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  access_token_validity  = 15
  id_token_validity      = 15
  refresh_token_validity = 7
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  refresh_token_rotation {
    feature                    = "ENABLED"
    retry_grace_period_seconds = 0
  }

  read_attributes  = ["email", "email_verified", "name"]
  write_attributes = ["name"]
}
