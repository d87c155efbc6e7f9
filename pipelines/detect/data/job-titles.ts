/**
 * Head nouns of occupational titles (lower-case). A short phrase ending in one of these, in a title slot
 * (own line, or ", the … ,"), is reported as TITLE.
 */
export const JOB_HEAD_NOUNS: ReadonlySet<string> = new Set(
  `accountant actuary administrator adviser advisor agent analyst animator architect archivist artist assembler assistant associate attendant
  auditor baker banker barber bartender biologist bookkeeper broker builder buyer carpenter cashier chef chemist cleaner clerk coach collector
  consultant controller cook coordinator counselor counsellor curator dancer designer detective developer dietitian director dispatcher doctor drafter
  driver economist editor educator electrician engineer estimator examiner executive farmer fighter firefighter fitter geologist guard guide
  hairdresser handler helper historian hygienist inspector installer instructor interpreter investigator janitor journalist judge laborer labourer
  lawyer librarian lineman linguist machinist manager marketer mason mechanic mediator microbiologist miner nurse nutritionist officer operator optician
  optometrist painter paralegal paramedic pathologist pharmacist photographer physician physicist physiotherapist pilot planner plumber poet
  politician porter practitioner president producer professor programmer psychiatrist psychologist publicist radiographer receptionist recruiter
  repairer representative researcher roofer salesman salesperson scientist secretary setter sociologist solicitor specialist statistician
  supervisor surgeon surveyor tailor teacher technician technologist tender therapist trader trainer translator tutor typist underwriter
  veterinarian waiter waitress welder worker writer platemaker sorter cutter grinder polisher packer loader tester checker`.split(/\s+/).filter(Boolean),
);
