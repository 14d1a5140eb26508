#!/usr/bin/env bash
# Signs in to the local user pool with curl (Cognito's own API: InitiateAuth, USER_PASSWORD_AUTH)
# and prints the ID token. The pool, client id and users come from /config.json; MEMO_USERNAME and
# MEMO_PASSWORD pick another user than the first one listed there.
BASE="${BASE:-http://127.0.0.1:4000}"
CONFIG=$(curl -sS "$BASE/config.json")
# field a.b.0: that field of the JSON on stdin (node is already installed; no jq needed).
field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(process.argv[1].split(".").reduce((o,k)=>o[k],JSON.parse(s))))' "$1"; }
CLIENT_ID=$(echo "$CONFIG" | field userPoolClientId)
MEMO_USERNAME="${MEMO_USERNAME:-$(echo "$CONFIG" | field users.0.username)}"
MEMO_PASSWORD="${MEMO_PASSWORD:-$(echo "$CONFIG" | field users.0.password)}"
BODY=$(node -e 'console.log(JSON.stringify({AuthFlow:"USER_PASSWORD_AUTH",ClientId:process.argv[1],AuthParameters:{USERNAME:process.argv[2],PASSWORD:process.argv[3]}}))' "$CLIENT_ID" "$MEMO_USERNAME" "$MEMO_PASSWORD")
curl -sS "$BASE/" \
  -H 'content-type: application/x-amz-json-1.1' \
  -H 'x-amz-target: AWSCognitoIdentityProviderService.InitiateAuth' \
  -d "$BODY" | field AuthenticationResult.IdToken
