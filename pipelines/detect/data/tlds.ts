/**
 * Top-level domains accepted for bare DOMAIN_NAME matches. Generic TLDs plus country codes, minus
 * country codes that collide with common file extensions (py, md, rs, sh, pl, cc, ps, so, mk, ms, sc, am, as, in, is, it, to, me, do, no, at, be, us)
 * because "setup.py" / "notes.md" / "go.to" in prose are far more often files or words than hosts.
 * URLs with an explicit scheme or "www." are accepted with any alphabetic TLD.
 */
const GENERIC =
  'com net org edu gov mil int info biz io co ai app dev tech online site store shop blog cloud xyz ' +
  'news media agency company email network systems solutions services digital global group live life ' +
  'world today pro name mobi asia tv fm gg ly museum travel health law bank insurance';

const COUNTRY =
  'ac ad ae af ag al ao ar au aw ax az ba bb bd bf bg bh bi bj bm bn bo br bs bt bw by bz ca cd cf cg ch ci ck cl cm cn cr ' +
  'cu cv cw cx cy cz de dj dk dm dz ec ee eg er es et eu fi fj fk fo fr ga gb gd ge gf gh gi gl gm gn gp gq gr gt gu gw gy hk ' +
  'hn hr ht hu id ie il im iq ir je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ma mc mg mh ml mm ' +
  'mn mo mp mq mr mt mu mv mw mx my mz na nc ne nf ng ni nl np nr nu nz om pa pe pf pg ph pk pm pn pr pt pw qa re ro ru rw sa ' +
  'sb sd se sg si sk sl sm sn sr st sv sx sy sz tc td tf tg th tj tk tl tm tn tr tt tw tz ua ug uk uy uz va vc ve vg vi vn vu ' +
  'wf ws ye yt za zm zw';

export const BARE_DOMAIN_TLDS: ReadonlySet<string> = new Set(`${GENERIC} ${COUNTRY}`.split(/\s+/));
