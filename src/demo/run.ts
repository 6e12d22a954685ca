// A demo run of NCT05794425, generated from a seed: which active sites take part (each with an
// investigator and a coordinator), the sponsor's team, and the patients screened over the
// recruitment period — more at sites that opened earlier and recruit faster. Pure: the same seed and
// the same sites give the same run. Passwords are not made here (they come from node:crypto).
import type { Role } from '../conduct/access/roles.ts';
import { daysBetween } from '../core/clinical/calendar.ts';
import { addDays } from './dates.ts';
import { fullName } from './names.ts';
import { generatePatient, type DemoPatient, type DemoSiteLab } from './patients.ts';
import { intBetween, logUniform, pick, roundTo, unit, weighted, type RandomGenerator } from './random.ts';

/** Recruitment from the registered start (clinical-domain.md §0: 2023-08-01) to a close that leaves 12 months of follow-up before the registered completion (2026-04). */
export const DEFAULT_RECRUITMENT = { from: '2023-08-01', to: '2025-03-31' } as const;
export const DEFAULT_PATIENTS = 300;
export const DEFAULT_STAFFED_SITES = 8;
export const MIN_STAFFED_SITES = 5;

export interface DemoSiteInput {
  siteCode: string;
  /** Only active sites screen; a site screens from its activation date. */
  status: 'pending' | 'active' | 'closed';
  activatedOn: string | null;
  /** Subjects the site is expected to enroll; 0 for a site that does not recruit (the sponsor company itself). */
  targetEnrollment: number | null;
}

export interface DemoSite extends DemoSiteLab {
  /** First day the site screens: its activation, or the start of recruitment. */
  opensOn: string;
  /** Relative recruitment speed. */
  pace: number;
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  /** null for the study-wide roles. */
  siteCode: string | null;
  /** The day the account is made (before the user's first act). */
  createdOn: string;
}

export interface DemoRun {
  studyId: string;
  recruitment: { from: string; to: string };
  sites: DemoSite[];
  team: DemoUser[];
  /** In screening order. */
  patients: DemoPatient[];
}

export interface DemoRunOptions {
  studyId: string;
  sites: readonly DemoSiteInput[];
  patients?: number;
  staffedSites?: number;
  recruitment?: { from: string; to: string };
}

/** A problem with the run's inputs, said so that the operator can act on it. */
export class DemoInputError extends Error {}

function chooseSites(rng: RandomGenerator, sites: readonly DemoSiteInput[], count: number, recruitment: { from: string; to: string }): DemoSiteInput[] {
  // A site that opens in the last three months of recruitment would screen almost nobody.
  const lastUsefulOpening = addDays(recruitment.to, -90);
  const usable = sites.filter((site) => site.status === 'active' && site.targetEnrollment !== 0 && (site.activatedOn ?? recruitment.from) <= lastUsefulOpening);
  if (usable.length < MIN_STAFFED_SITES) {
    throw new DemoInputError(`the demo needs at least ${MIN_STAFFED_SITES} active recruiting sites opened by ${lastUsefulOpening}; the study has ${usable.length}`);
  }
  const chosen: DemoSiteInput[] = [];
  const others = [...usable];
  while (chosen.length < Math.min(count, usable.length)) {
    const next = pick(rng, others);
    others.splice(others.indexOf(next), 1);
    chosen.push(next);
  }
  return chosen.sort((a, b) => a.siteCode.localeCompare(b.siteCode));
}

function team(rng: RandomGenerator, sites: readonly DemoSite[], recruitment: { from: string }): DemoUser[] {
  const sponsorDay = addDays(recruitment.from, -30);
  const person = () => fullName(rng, unit(rng) < 0.5 ? 'female' : 'male');
  const users: DemoUser[] = [
    { username: 'sponsor.admin', displayName: person(), role: 'sponsor_admin', siteCode: null, createdOn: sponsorDay },
    { username: 'data.manager', displayName: person(), role: 'data_manager', siteCode: null, createdOn: sponsorDay },
    { username: 'monitor.1', displayName: person(), role: 'monitor', siteCode: null, createdOn: sponsorDay },
    { username: 'monitor.2', displayName: person(), role: 'monitor', siteCode: null, createdOn: sponsorDay },
  ];
  for (const site of sites) {
    const code = site.siteCode.toLowerCase();
    const day = addDays(site.opensOn, -7);
    users.push({ username: `${code}.investigator`, displayName: person(), role: 'investigator', siteCode: site.siteCode, createdOn: day < sponsorDay ? sponsorDay : day });
    users.push({ username: `${code}.coordinator`, displayName: person(), role: 'coordinator', siteCode: site.siteCode, createdOn: day < sponsorDay ? sponsorDay : day });
  }
  return users;
}

export function generateDemoRun(rng: RandomGenerator, options: DemoRunOptions): DemoRun {
  const recruitment = options.recruitment ?? DEFAULT_RECRUITMENT;
  const count = options.patients ?? DEFAULT_PATIENTS;
  if (!Number.isInteger(count) || count < 1 || count > 5000) throw new DemoInputError(`patients: expected a whole number from 1 to 5000, got ${count}`);
  const chosen = chooseSites(rng, options.sites, options.staffedSites ?? DEFAULT_STAFFED_SITES, recruitment);
  const sites: DemoSite[] = chosen.map((site) => ({
    siteCode: site.siteCode,
    opensOn: site.activatedOn && site.activatedOn > recruitment.from ? site.activatedOn : recruitment.from,
    // Sites recruit in proportion to their target, faster or slower than planned.
    pace: roundTo((site.targetEnrollment ?? 3) * logUniform(rng, 0.5, 2), 2),
    ptUln: roundTo(12.5 + unit(rng) * 1.5, 1),
    apttUln: roundTo(34 + unit(rng) * 8, 1),
  }));
  // Each site's share of patients: its pace times the days it is open.
  const weights = sites.map((site) => [site, site.pace * Math.max(1, daysBetween(site.opensOn, recruitment.to))] as const);
  const visits = Array.from({ length: count }, () => {
    const site = weighted(rng, weights);
    return { site, screenedOn: addDays(site.opensOn, intBetween(rng, 0, daysBetween(site.opensOn, recruitment.to))) };
  });
  visits.sort((a, b) => a.screenedOn.localeCompare(b.screenedOn) || a.site.siteCode.localeCompare(b.site.siteCode));
  const patients = visits.map((visit) => generatePatient(rng, visit.site, visit.screenedOn));
  // Hospital numbers are unique within a hospital: a repeated draw takes the next free number.
  const used = new Set<string>();
  for (const patient of patients) {
    let number = patient.identity.hospitalNumber;
    while (used.has(`${patient.siteCode} ${number}`)) number = String(Number(number) + 1).padStart(number.length, '0');
    used.add(`${patient.siteCode} ${number}`);
    patient.identity.hospitalNumber = number;
  }
  const people = team(rng, sites, recruitment);
  return { studyId: options.studyId, recruitment, sites, team: people, patients };
}
