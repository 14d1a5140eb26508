import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, type DefinitionNode, type FieldDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The docs, as paths from the repository root: README.md and every docs/*.md. */
const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];
const read = (path: string) => readFileSync(join(root, path), 'utf8');
/** A doc without its fenced code blocks, where `[x](y)` and `# x` are code, not links or headings. */
const prose = (markdown: string) => markdown.replace(/^```[^]*?^```$/gm, '');

/**
 * The anchors GitHub gives a doc's headings: lower case, punctuation dropped (letters, digits,
 * `-`, `_` and spaces kept), spaces turned into `-`; a repeated heading gets `-1`, `-2`, ….
 */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    let anchor = slug;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${slug}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** The relative links and images of a doc (outside code), as written. */
function relativeLinksOf(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`]*`/g, '');
  return [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z\d+.-]*:/i.test(target));
}

/** Each link of `doc` that leads nowhere: a missing file, or a `#…` that is no heading of the .md file it names. */
function deadLinksOf(doc: string): string[] {
  return relativeLinksOf(read(doc)).filter((link) => {
    const [path, anchor] = link.split('#') as [string, string | undefined];
    const target = path === '' ? doc : normalize(join(dirname(doc), decodeURI(path)));
    if (!existsSync(join(root, target))) return true;
    return anchor !== undefined && target.endsWith('.md') && !anchorsOf(read(target)).has(anchor);
  });
}

describe('the docs', () => {
  it.each(docs)('%s has no dead relative link', (doc) => {
    expect(deadLinksOf(doc)).toEqual([]);
  });

  it('link every doc in docs/ from README.md', () => {
    const linked = new Set(relativeLinksOf(read('README.md')).map((link) => link.split('#')[0]));
    expect(docs.filter((doc) => doc !== 'README.md' && !linked.has(doc))).toEqual([]);
  });

  it('show, in docs/api.md, only fields schema.graphql has, with the same arguments and types', () => {
    const signatures = (definitions: readonly DefinitionNode[]) =>
      definitions.flatMap((definition) =>
        definition.kind === Kind.OBJECT_TYPE_DEFINITION
          ? (definition.fields ?? []).map(
              (field: FieldDefinitionNode) =>
                `${definition.name.value}.${field.name.value}(${(field.arguments ?? []).map((arg) => `${arg.name.value}: ${print(arg.type)}`).join(', ')}): ${print(field.type)}`,
            )
          : [],
      );
    const excerpt = /^```graphql\n([^]*?)^```$/m.exec(read('docs/api.md'))![1]!;
    const shown = signatures(parse(excerpt).definitions);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.filter((signature) => !signatures(parse(read('schema.graphql')).definitions).includes(signature))).toEqual([]);
  });
});
