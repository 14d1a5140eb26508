import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Kind, OperationTypeNode, parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../../../local/http/graphiqlPage.js';
import { AppSyncRealtimeClient, tokenAuth } from '../helpers/appSyncRealtimeClient.js';
import { postGraphQL, useLocalApiProcess } from '../helpers/localApiProcess.js';

const run = promisify(execFile);
const curlExample = new URL('../examples/createMemo.sh', import.meta.url).pathname;

/** Every example a user copies from: the SDK's operations, GraphiQL's editor, the curl example in docs/sign-in.md. */
async function exampleDocuments(): Promise<[string, DocumentNode][]> {
  const sdk = await readFile(new URL('../../../graphql/operations.graphql', import.meta.url), 'utf8');
  const curl = await readFile(curlExample, 'utf8');
  const curlQuery = (JSON.parse(/-d '(.*)'$/m.exec(curl)![1]!) as { query: string }).query;
  return [
    ['graphql/operations.graphql', parse(sdk)],
    ['GraphiQL', parse(EXAMPLE_OPERATIONS)],
    ['docs/sign-in.md curl', parse(curlQuery)],
  ];
}

const operationsOf = (document: DocumentNode) =>
  document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
const fragmentOf = (document: DocumentNode) =>
  document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === 'MemoFields');

describe('the example operations', () => {
  it('select exactly ...MemoFields in every mutation and subscription, with one MemoFields definition', async () => {
    const documents = await exampleDocuments();
    const canonical = print(fragmentOf(documents[0]![1])!);
    for (const [source, document] of documents) {
      const writers = operationsOf(document).filter((op) => op.operation !== OperationTypeNode.QUERY);
      expect(writers.length, source).toBeGreaterThan(0);
      for (const operation of writers) {
        const [root] = operation.selectionSet.selections;
        const selected = root?.kind === Kind.FIELD ? root.selectionSet?.selections.map((selection) => print(selection)) : [];
        expect(selected, `${source} ${operation.name?.value ?? operation.operation}`).toEqual(['...MemoFields']);
      }
      expect(print(fragmentOf(document)!), source).toBe(canonical);
    }
  });

  it('selects in MemoFields every field a Memo has, so no subscription can ask for more', async () => {
    const [[, sdk]] = (await exampleDocuments()) as [[string, DocumentNode]];
    const schema = await readFile(new URL('../../../schema.graphql', import.meta.url), 'utf8');
    const memoType = parse(schema).definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Memo');
    const memoFields = memoType?.kind === Kind.OBJECT_TYPE_DEFINITION ? memoType.fields!.map((field) => field.name.value) : [];
    const fragment = fragmentOf(sdk);
    const selected = fragment?.kind === Kind.FRAGMENT_DEFINITION ? fragment.selectionSet.selections.map((s) => print(s)) : [];
    expect(selected.sort()).toEqual(memoFields.sort());
  });
});

describe("GraphiQL's example subscription", () => {
  const localApi = useLocalApiProcess();
  let client: AppSyncRealtimeClient | undefined;
  afterEach(async () => {
    await client?.close();
  });

  async function subscribe(): Promise<{ realtime: AppSyncRealtimeClient; id: string }> {
    const { idToken } = await localApi().tokens('alice');
    const realtime = (client = await AppSyncRealtimeClient.connect(localApi().realtimeUrl, tokenAuth(localApi().realtimeUrl, idToken)));
    await realtime.next((message) => message.type === 'connection_ack');
    const subscription = operationsOf(parse(EXAMPLE_OPERATIONS)).find((op) => op.name?.value === 'OnCreateMemo')!;
    const id = await realtime.start({ kind: Kind.DOCUMENT, definitions: [subscription, fragmentOf(parse(EXAMPLE_OPERATIONS))!] });
    await realtime.next((message) => message.type === 'start_ack' && message.id === id);
    return { realtime, id };
  }

  it("receives the memo GraphiQL's example CreateMemo creates, every field, no error", async () => {
    const { realtime, id } = await subscribe();
    const created = await postGraphQL(
      localApi().url,
      { query: EXAMPLE_OPERATIONS, operationName: 'CreateMemo' },
      await localApi().authHeaders('alice'),
    );
    expect(created.body.errors).toBeUndefined();

    const event = await realtime.next((message) => message.type === 'data' && message.id === id);
    expect(event.payload).toEqual({ data: { onCreateMemo: created.body.data.createMemo } });
  });

  it("receives the memo the docs' curl example creates, every field, no error", async () => {
    const { realtime, id } = await subscribe();
    const { stdout } = await run('bash', [curlExample], {
      env: { ...process.env, URL: localApi().url, TOKEN: (await localApi().tokens('alice')).idToken },
    });
    const created = JSON.parse(stdout) as { data: { createMemo: Record<string, unknown> } };

    const event = await realtime.next((message) => message.type === 'data' && message.id === id);
    expect(event.payload).toEqual({ data: { onCreateMemo: created.data.createMemo } });
  });
});
