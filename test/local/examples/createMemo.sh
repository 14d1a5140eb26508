#!/usr/bin/env bash
# Creates a memo with curl. URL and API_KEY default to what `npm start` prints. It selects the
# MemoFields fragment, as every mutation should: subscribers receive only what the mutation selected.
curl -sS "${URL:-http://127.0.0.1:4000/graphql}" \
  -H 'content-type: application/json' \
  -H "x-api-key: ${API_KEY:?set API_KEY to the key npm start printed}" \
  -d '{"query":"mutation { createMemo(input: {title: \"Hello\", content: \"From curl\", tags: [\"curl\"]}) { ...MemoFields } } fragment MemoFields on Memo { memoId title content tags createdAt updatedAt version }"}'
