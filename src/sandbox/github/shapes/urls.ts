/** Where the emulator lives, as GitHub Enterprise Server lays it out: the web at the root, REST under `/api/v3`. */
export interface Urls {
  /** `http://127.0.0.1:<port>/api/v3` */
  api: string;
  /** `http://127.0.0.1:<port>` */
  html: string;
}

export function urlsFor(base: string): Urls {
  return { api: `${base}/api/v3`, html: base };
}
