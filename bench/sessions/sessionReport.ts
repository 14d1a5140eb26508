import { formatSpread } from '../coldStart/coldStartReport.js';
import { textTable } from '../textTable.js';
import { DESIGN_RULE, percent } from './designChoice.js';
import { FUNCTION_DESIGNS } from './functionDesigns.js';
import { LIFETIME_MODELS } from './instanceLifetime.js';
import type { FieldGrants } from './fieldRoles.js';
import type { SessionFigures } from './measureSessions.js';
import { SESSION_PROFILES } from './sessionProfiles.js';

/** Section 11 of the report: cold starts per session by traffic and design, the roles, the choice. */
export function sessionReportLines(figures: SessionFigures): string[] {
  const [central, ...range] = LIFETIME_MODELS;
  const lines = [
    `Cold starts per session (issue 21, item 5): seeded simulation (seed ${figures.settings.seed}, ${figures.settings.sessions} counted sessions per cell after 2 h of warm-up), one request per environment at a time, the most recently used free environment serves;`,
    `   designs: ${FUNCTION_DESIGNS.map((d) => `${d.name} = ${d.label}`).join(', ')} (B is what deploys; A, what deployed before, is measured from a bundle the bench builds); lifetime: ${central!.basis}; range: ${range.map((l) => `${l.name} = ${l.basis}`).join('; ')}; maximum lifetime 2–4 h ("every few hours", AWS)`,
    ...SESSION_PROFILES.map((p) => `   ${p.name}: ${p.description}`),
    `   warm invocation: ${Object.entries(figures.warmMs)
      .map(([field, ms]) => `${field} ${ms}`)
      .join(', ')} ms (the sizing model's billed ms)`,
    '',
    '   Cold start per design: the same `memo` request, a fresh node per run, the bundles taking turns (ms, spawn() to the result read back)',
  ];
  const a = figures.coldStarts.find((row) => row.design === 'A')!;
  lines.push(
    ...textTable(
      ['design', 'bundle', 'KB', 'gzip KB', 'first response ms median (p25–p75)', '× A'],
      figures.coldStarts.map((row) => [
        row.design,
        row.bundle,
        (row.bytes / 1024).toFixed(1),
        (row.gzipBytes / 1024).toFixed(1),
        formatSpread(row.firstResponse.wallMs),
        (row.firstResponse.wallMs.median / a.firstResponse.wallMs.median).toFixed(2),
      ]),
    ),
  );
  const cell = (values: number[], format: (n: number) => string) => `${format(values[0]!)} (${values.slice(1).map(format).join('–')})`;
  lines.push(`   Per session, ${central!.name} lifetime (range: ${range.map((l) => l.name).join('–')})`);
  lines.push(
    ...textTable(
      [
        'traffic',
        'sessions/h',
        'profile',
        'design',
        'cold starts / session',
        'sessions with ≥ 1',
        'added ms / session',
        'peak environments / function',
      ],
      figures.rows.map((row) => {
        const outcomes = LIFETIME_MODELS.map((l) => row.outcomes[l.name]!);
        return [
          row.traffic,
          row.sessionsPerHour,
          row.profile,
          row.design,
          cell(
            outcomes.map((o) => o.coldStartsPerSession),
            (n) => n.toFixed(3),
          ),
          cell(
            outcomes.map((o) => o.sessionsWithColdStart),
            (n) => `${(n * 100).toFixed(1)} %`,
          ),
          cell(
            outcomes.map((o) => o.addedMsPerSession),
            (n) => n.toFixed(1),
          ),
          outcomes[0]!.peakEnvironments,
        ];
      }),
    ),
  );
  lines.push(...iamLines(figures), ...choiceLines(figures));
  return lines;
}

function iamLines({ iam }: SessionFigures): string[] {
  /** `memo + PutItem on …; …`: grants beyond (+) or missing from (−) each field's own list. */
  const byField = (fields: FieldGrants, sign: '+' | '−') =>
    fields
      .filter((g) => g.grants.length > 0)
      .map((g) => `${g.fieldName} ${sign} ${g.grants.join(', ')}`)
      .join('; ') || 'nothing';
  const { deployed } = iam;
  const lacking = deployed.lacking.filter((l) => l.grants.length > 0);
  const lines = [
    `   IAM (DynamoDB grants; logs to the function's own group and X-Ray are alike in every role). Each field's own list (infra/tableAccess.ts): ${iam.perField.map((f) => `${f.fieldName}: ${f.grants.join(', ')}`).join('; ')}`,
    `   As deployed (the synthesized template): ${deployed.roles.length} role(s): ${deployed.roles.map((role) => `${role.roleId} (${role.fieldNames.join(', ')}): ${role.grants.join(', ')}`).join('; ')}`,
    `   beyond each field's own list: ${byField(deployed.gained, '+')}; read fields that can write: ${deployed.readFieldsThatCouldWrite.join(', ') || 'none'}${lacking.length ? `; LACKING: ${byField(lacking, '−')}` : ''}`,
  ];
  for (const design of iam.designs.filter((d) => d.design !== 'A')) {
    const widened = design.gained.filter((g) => g.grants.length > 0);
    lines.push(
      `   ${design.design} (modelled) = ${design.roles.map((role) => `role ${role.fn}: ${role.grants.join(', ')}`).join('; ')}; fields gaining grants: ${widened.length} of ${design.gained.length}; read fields that could write: ${design.readFieldsThatCouldWrite.join(', ') || 'none'}`,
    );
  }
  return lines;
}

function choiceLines({ choice }: SessionFigures): string[] {
  return [
    `   Rule: at ${DESIGN_RULE.traffic} traffic (${DESIGN_RULE.lifetime} lifetime) a design must remove ≥ ${percent(DESIGN_RULE.minShareRemoved)} of A's cold-start ms per session in every profile, and add no more than A (+${percent(DESIGN_RULE.worseTolerance)}, +${DESIGN_RULE.worseSlackMs} ms) anywhere; the fewest ms wins, C when within ${DESIGN_RULE.closeEnoughMs} ms of it at every traffic level`,
    ...choice.verdicts.map((v) => `   ${v.design}: ${v.qualifies ? 'qualifies' : 'does not qualify'}: ${v.why}`),
    `   Choice: ${choice.chosen} — ${choice.reason}`,
  ];
}
