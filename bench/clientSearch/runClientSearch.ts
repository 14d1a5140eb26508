// Bench section 10 alone: `npx tsx bench/clientSearch/runClientSearch.ts [--quick]` prints its table
// (a full run takes about a minute; the whole bench, several).
import '../../local/supportedNode.js';
import { clientSearchReportLines } from './clientSearchReport.js';
import { CLIENT_SEARCH_QUICK_SETTINGS, CLIENT_SEARCH_SETTINGS, measureClientSearch } from './measureClientSearch.js';

const quick = process.argv.includes('--quick');
const figures = await measureClientSearch(quick ? CLIENT_SEARCH_QUICK_SETTINGS : CLIENT_SEARCH_SETTINGS, (line) =>
  console.error(`[bench] ${line}`),
);
console.log(`10. ${clientSearchReportLines(figures).join('\n')}`);
