#!/usr/bin/env bash
# Creates a memo with curl. URL and API_KEY default to what `npm start` prints.
curl -sS "${URL:-http://127.0.0.1:4000/graphql}" \
  -H 'content-type: application/json' \
  -H "x-api-key: ${API_KEY:?set API_KEY to the key npm start printed}" \
  -d '{"query":"mutation { createMemo(input: {title: \"Hello\", content: \"From curl\", tags: [\"curl\"]}) { memoId title version createdAt } }"}'
