import { allIndexes, type FeedLayoutFigures, type IndexedUnits } from '../capacity/feedLayouts.js';
import { textTable } from '../textTable.js';
import type { OfflineFigures, SyncRun } from './syncFigures.js';

/** Issue 19's figures as plain-text lines: the index layout decision, full and delta syncs, DataStore's Scan, the outbox drain. */
export function offlineReportLines(figures: OfflineFigures): string[] {
  const lines = [
    `Offline sync (issue 19), measured on ${figures.store} (ReturnConsumedCapacity: INDEXES), ${figures.elapsedSeconds} s`,
    '',
  ];
  lines.push(...layoutLines(figures.feedLayouts), '');
  lines.push(
    `   c) Full sync through the real memoChanges handler (APPSYNC_JS resolver + Lambda handler, pages of 100), then ${figures.fullSyncs[0]?.delta.received ?? 0} changes made after it pulled from the cursor; ${figures.memoBytes}-byte memos`,
  );
  lines.push(
    ...indent(
      textTable(
        ['memos', 'full sync: requests', 'read units', 'items read', 'ms', 'delta: requests', 'read units', 'changes', 'ms'],
        figures.fullSyncs.map((row) => [
          row.memos.toLocaleString('en-US'),
          row.fullSync.requests,
          row.fullSync.readUnits,
          row.fullSync.itemsRead,
          row.fullSync.ms,
          row.delta.requests,
          row.delta.readUnits,
          row.delta.received,
          row.delta.ms,
        ]),
      ),
    ),
  );
  const { dataStore: ds, load } = figures;
  lines.push(
    '',
    `   d) One user's full sync in a table of ${ds.users} users × ${ds.memosPerUser.toLocaleString('en-US')} memos (loaded in ${load.seconds} s: ${load.items.toLocaleString('en-US')} items, ${load.requests} BatchWriteItem requests, ${load.itemsPerSecond} items/s)`,
  );
  lines.push(
    ...indent(
      textTable(
        ['sync', 'requests', 'read units', 'items read', 'memos received', 'ms'],
        [
          ["DataStore's base sync: Scan, FilterExpression ownerId = :me, Limit " + ds.scanPageSize, ...runCells(ds.scan)],
          ['ours: memoChanges, one Query per page on the owner index', ...runCells(ds.ownerQuery)],
        ],
      ),
    ),
    `   Read units, Scan ÷ Query: ${ds.readUnitRatio} ×. The Scan pays for every item of the table, whoever owns it; the Query for the user's own.`,
    '',
  );
  const drain = figures.outboxDrain;
  lines.push(
    `   e) Outbox drain (the SDK's offline store, createMemoStore, against the local runtime): ${drain.edits} creates queued offline, pushed after reconnect in ${drain.seconds} s (${drain.createsSent} CreateMemo, ${drain.requests - drain.createsSent} memoChanges requests)`,
  );
  return lines;
}

function layoutLines(figures: FeedLayoutFigures): string[] {
  const lines = ['   a) Index layout (issue 19, item 3): list and feed on two indexes, or on one shared index, each on a table of its own'];
  lines.push(...figures.layouts.map((layout) => `   - ${layout.name}: ${layout.note}; a list page: ${layout.list}`));
  if (figures.status === 'skipped') return [...lines, `   NOT MEASURED: ${figures.skippedReason}`];
  lines.push(
    '   Write units per call, table + each index (the store\'s own requests; "delete" leaves a tombstone, "DeleteItem" is the delete before it):',
  );
  lines.push(
    ...indent(
      textTable(
        ['layout', 'memo', 'create', 'update', 'delete (tombstone)', 'DeleteItem (old)', 'tombstone item'],
        figures.writes.map((row) => [
          row.layout,
          `${row.kb} KB`,
          writeCell(row.create),
          writeCell(row.update),
          writeCell(row.tombstone),
          writeCell(row.deleteItem),
          `${row.tombstoneBytes} bytes`,
        ]),
      ),
    ),
  );
  const [read] = figures.reads;
  lines.push(
    '',
    `   b) Reads of one owner's ${read?.memos ?? 0} memos of 1 KB with a share deleted after they were made (read units; a list page is 20 memos, a feed page 100 changes):`,
  );
  lines.push(
    ...indent(
      textTable(
        [
          'layout',
          'deleted',
          'first page: Queries',
          'items read',
          'read units',
          'whole list: pages',
          'Queries',
          'read units',
          'feed page',
          'mix $/M',
        ],
        figures.reads.map((row) => [
          row.layout,
          `${row.tombstoneShare * 100} %`,
          row.firstListPage.queries,
          row.firstListPage.itemsRead,
          row.firstListPage.readUnits,
          row.wholeList.pages,
          row.wholeList.queries,
          row.wholeList.readUnits,
          row.feedPage.readUnits,
          row.readHeavyMixPerMillion.toFixed(4),
        ]),
      ),
    ),
    '   mix $/M: DynamoDB on-demand dollars per million calls of the read-heavy mix at 1 KB, listMemos as the first page, deleteMemo as the tombstone.',
    ...figures.verdict.map(
      (row) =>
        `   ${row.tombstoneShare * 100} % deleted: two indexes $${row.twoIndexes.toFixed(4)}, one shared index $${row.oneShared.toFixed(4)} per million → cheaper on DynamoDB: ${row.cheaper}`,
    ),
  );
  return lines;
}

/** "1 + byOwner 1 + byOwnerChange 2 = 4": table, each index, and the sum. */
function writeCell(units: IndexedUnits): string {
  const indexes = Object.entries(units.indexes).map(([name, used]) => `${name} ${used.write}`);
  return `${[units.table.write, ...indexes].join(' + ')} = ${units.table.write + allIndexes(units).write}`;
}

function runCells(run: SyncRun): (string | number)[] {
  return [run.requests, run.readUnits, run.itemsRead.toLocaleString('en-US'), run.received, run.ms];
}

function indent(lines: string[]): string[] {
  return lines.map((line) => (line ? `   ${line}` : line));
}
