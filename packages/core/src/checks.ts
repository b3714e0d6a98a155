/** What a parser checked, and how it went: the `checks` of every parsed code. */

export type CheckStatus = 'passed' | 'failed' | 'not-checked';

export interface Check {
  /** What was checked: a GS1 linter name (`csum`, `yymmd0`, `iso3166` …) or a scheme's own check. */
  readonly check: string;
  readonly status: CheckStatus;
  /** The GS1 application identifier the check ran on, when it did. */
  readonly ai?: string;
  /** Why a check was not run, or what failed. */
  readonly note?: string;
}
