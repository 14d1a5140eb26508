/** The header editor's headers, as GraphiQL passes them to the fetcher. */
export type EditorHeaders = Readonly<Record<string, unknown>>;

/** How a request authenticates: the editor's other headers, and the token for Authorization. */
export interface RequestAuth {
  readonly headers: Record<string, string>;
  /** The token to send, or undefined when nobody is signed in and none was typed. */
  readonly token: string | undefined;
  /** Whether `token` is the signed-in user's (so a refusal is worth a refresh), not one typed by hand. */
  readonly pageToken: boolean;
}

const authorizationKey = (headers: EditorHeaders) => Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');

/**
 * The Authorization header of the page's requests: the signed-in user's current token, unless one
 * was typed into the header editor by hand. Every token the page put in the editor is remembered,
 * so it is replaced by the current one (after a refresh or another sign-in), never sent stale.
 */
export class HeaderAuth {
  private readonly issued = new Set<string>();

  constructor(private readonly currentToken: () => Promise<string | undefined>) {}

  /** Notes a token the page shows in the editor. */
  issue(token: string): void {
    this.issued.add(token);
  }

  async resolve(editorHeaders: EditorHeaders): Promise<RequestAuth> {
    const headers = Object.fromEntries(Object.entries(editorHeaders).map(([name, value]) => [name, String(value)]));
    const key = authorizationKey(headers);
    if (key !== undefined && !this.issued.has(headers[key]!)) {
      const { [key]: typed, ...others } = headers;
      return { headers: others, token: typed, pageToken: false };
    }
    if (key !== undefined) delete headers[key];
    const token = await this.currentToken();
    return { headers, token, pageToken: token !== undefined };
  }

  /** The editor's text with `token` in place of any token the page issued; text being edited (not JSON) or typed by hand is left alone. */
  withToken(text: string, token: string | undefined): string {
    let headers: unknown;
    try {
      headers = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return text;
    }
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return text;
    const record = headers as Record<string, unknown>;
    const key = authorizationKey(record);
    if (key !== undefined && !this.issued.has(String(record[key]))) return text;
    const others = { ...record };
    if (key !== undefined) delete others[key];
    return JSON.stringify(token ? { Authorization: token, ...others } : others, null, 2);
  }
}
