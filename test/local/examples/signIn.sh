#!/usr/bin/env bash
# Signs in to the local user pool with curl (Cognito's own API: InitiateAuth, USER_PASSWORD_AUTH)
# and prints the ID token. URL is the GraphQL endpoint, as for createMemo.sh; the pool, its app
# client and its users come from /config.json next to it. MEMO_USERNAME picks another user than the
# first one listed there, whose password is looked up there unless MEMO_PASSWORD gives it. A refused
# sign-in prints Cognito's error (`NotAuthorizedException: Incorrect username or password.`) on
# stderr and exits 1.
set -euo pipefail
URL="${URL:-http://127.0.0.1:4000/graphql}"
CONFIG=$(curl -sSf "${URL%/graphql}/config.json")
# The user pool's endpoint on the first line, then the InitiateAuth request (node is installed; no jq needed).
REQUEST=$(node -e '
  const config = JSON.parse(process.argv[1]);
  const username = process.env.MEMO_USERNAME || config.users[0].username;
  const password = process.env.MEMO_PASSWORD || config.users.find((user) => user.username === username)?.password;
  if (!password) { console.error(`${username} is not a user /config.json lists: set MEMO_PASSWORD`); process.exit(1); }
  console.log(config.userPoolEndpoint);
  console.log(JSON.stringify({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: config.userPoolClientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));
' "$CONFIG")
# The password goes on stdin, not on a command line other processes can read.
RESPONSE=$(tail -n 1 <<<"$REQUEST" | curl -sS "$(head -n 1 <<<"$REQUEST")" \
  -H 'content-type: application/x-amz-json-1.1' \
  -H 'x-amz-target: AWSCognitoIdentityProviderService.InitiateAuth' \
  -d @-)
node -e '
  const { AuthenticationResult, __type, message } = JSON.parse(process.argv[1]);
  if (!AuthenticationResult) { console.error(`${__type}: ${message}`); process.exit(1); }
  console.log(AuthenticationResult.IdToken);
' "$RESPONSE"
