#!/usr/bin/env bash
# Back office: lists a user's memos over IAM, the request signed with SigV4 by curl (>= 7.75) with
# your AWS credentials. URL is the GraphQL endpoint; OWNER_ID the user's sub (IAM callers name the
# owner). AWS_SESSION_TOKEN, set for temporary credentials (SSO, an assumed role), is sent and signed
# only when it is set: curl drops an empty header, but would still sign it, and AWS answers 401.
curl -sS "${URL:?set URL to the GraphQL endpoint}" \
  --aws-sigv4 "aws:amz:${AWS_REGION:?set AWS_REGION}:appsync" \
  --user "${AWS_ACCESS_KEY_ID:?}:${AWS_SECRET_ACCESS_KEY:?}" \
  ${AWS_SESSION_TOKEN:+-H "x-amz-security-token: $AWS_SESSION_TOKEN"} \
  -H 'content-type: application/json' \
  -d "{\"query\":\"query (\$ownerId: ID) { listMemos(ownerId: \$ownerId) { items { memoId content } } }\",\"variables\":{\"ownerId\":\"${OWNER_ID:?set OWNER_ID to the owner sub}\"}}"
