#!/usr/bin/env bash
# Creates a memo with curl as a signed-in user: URL is the GraphQL endpoint (as for signIn.sh),
# TOKEN the user's ID token, sent raw in Authorization as AppSync's own clients send it. It selects
# the MemoFields fragment, as every mutation should: subscribers receive only what the mutation selected.
curl -sS "${URL:-http://127.0.0.1:4000/graphql}" \
  -H 'content-type: application/json' \
  -H "authorization: ${TOKEN:?set TOKEN to an ID token (see signIn.sh)}" \
  -d '{"query":"mutation { createMemo(input: {title: \"Hello\", content: \"From curl\", tags: [\"curl\"]}) { ...MemoFields } } fragment MemoFields on Memo { memoId ownerId title content tags createdAt updatedAt version }"}'
