import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { accountRoutes } from '../../shared/http/routes/accounts';
import {
  createStaffAccount,
  disableAccount,
  enableAccount,
  getAccount,
  signOutEverywhere,
} from '../../shared/use-cases/accounts';
import { anonymisePerson } from '../../shared/use-cases/anonymise';
import { getMyProfile, lookupPeople, putMyProfile } from '../../shared/use-cases/people';
import { personRecord } from '../../shared/use-cases/person-record';

/**
 * Who someone is: their own profile, signing out on every device; ADS finding people, creating staff accounts,
 * disabling and enabling accounts, anonymising a person on request.
 */
export const handler = areaHandler(
  accountRoutes,
  operations(accountRoutes, {
    getMyProfile: ({ caller }) => getMyProfile(caller),
    putMyProfile: ({ caller, body }) => putMyProfile(caller, body),
    createStaffAccount: ({ caller, body }) => createStaffAccount(body, caller),
    lookupPeople: ({ query }) => lookupPeople(query, query.cursor, query.limit),
    personRecord: ({ params }) => personRecord(params.personId),
    getAccount: ({ params }) => getAccount(params.personId),
    disableAccount: ({ caller, params, body }) => disableAccount(params.personId, body, caller),
    enableAccount: ({ caller, params, body }) => enableAccount(params.personId, body, caller),
    signOutEverywhere: ({ caller }) => signOutEverywhere(caller),
    anonymisePerson: ({ caller, params, body }) => anonymisePerson(caller, params.personId, body.reason),
  }),
);
