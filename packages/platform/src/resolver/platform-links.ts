/**
 * The links the platform itself offers for an identifier it holds records for: `gs1:traceability`,
 * the trace answer of the code (what `verifyTrace` checks), as the default link. Links that issuers
 * register for their products are a later addition; a code the platform holds nothing for has no
 * links here, and the resolver answers 404 for it.
 */
import type { Store } from '../store/store.js';
import { traceKeyOf } from '../trace/trace-answer.js';
import type { LevelLinks, LinkSource, ResolverLink } from './links.js';

/** The platform's links for the identifier level at `anchorPath` (`/01/…/10/…`), served from `base`. */
export function platformLinkSource(store: Store, base: () => string): LinkSource {
  return async (anchorPath): Promise<LevelLinks> => {
    let key: string;
    try {
      key = traceKeyOf(`https://id.gs1.org${anchorPath}`);
    } catch {
      return [];
    }
    if ((await store.recordsByCode(key, 1)).length === 0) return [];
    const link: ResolverLink = {
      linkType: 'https://ref.gs1.org/voc/traceability',
      href: `${base()}/v1/trace?code=${encodeURIComponent(key)}`,
      title: '溯源 Trace: the records of this item, with proofs',
      type: 'application/json',
      isDefault: true,
    } as ResolverLink;
    return [link];
  };
}
