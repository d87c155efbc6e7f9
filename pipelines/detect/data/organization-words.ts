/** Company/organization designators (lower-case, no trailing dot). A capitalized phrase ending in one is an ORGANIZATION. */
export const ORG_SUFFIXES: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'llc', 'l.l.c', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'plc', 'gmbh', 'ag', 'kg', 'sa', 's.a', 'sas', 'sarl',
  'srl', 's.r.l', 'spa', 's.p.a', 'bv', 'b.v', 'nv', 'n.v', 'ab', 'as', 'a/s', 'oy', 'oyj', 'kk', 'pty', 'pte', 'lp', 'llp', 'group', 'holdings',
  'partners', 'associates', 'technologies', 'technology', 'systems', 'solutions', 'labs', 'laboratories', 'industries', 'enterprises', 'ventures',
  'capital', 'bank', 'bancorp', 'insurance', 'university', 'college', 'institute', 'foundation', 'association', 'society', 'agency', 'consulting',
  'software', 'networks', 'media', 'pharmaceuticals', 'motors', 'airlines', 'logistics', 'brothers', 'bros', 'sons', 'trust', 'fund', 'hospital',
  'clinic', 'council', 'committee', 'ministry', 'department', 'services', 'international', 'global', 'analytics', 'health', 'energy', 'records', 'studios',
]);

/** Lower-case words right before a capitalized phrase that suggest it is an organization. */
export const ORG_CUES = ['works at ', 'work at ', 'works for ', 'work for ', 'is from ', 'are from ', 'employed by ', 'recorded for ', 'year at ', 'joined ', 'company ', 'ceo of ', 'founder of ', 'at the ', 'acquired '];
