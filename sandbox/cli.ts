import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { startCleverServer } from './clever/clever-server';
import { districtSpec, generateDistrict } from './district/generate-district';
import { nextSchoolYear } from './district/next-year';
import { writeCsvFolder, writeCsvZip } from './district/write-csv';
import { parseFaultArgs } from './faults';
import { startOneRosterServer } from './oneroster/oneroster-server';
import { startPlatformServer } from './platform/platform-server';

/** `npm run sandbox -- …`: local ClassLink (OneRoster 1.1) and Clever v3 servers over one generated district. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '42' },
      schools: { type: 'string', default: '6' },
      teachers: { type: 'string', default: '60' },
      students: { type: 'string', default: '1500' },
      'oneroster-port': { type: 'string', default: '0' },
      'clever-port': { type: 'string', default: '0' },
      'client-id': { type: 'string', default: 'sandbox-client' },
      'client-secret': { type: 'string', default: 'sandbox-secret' },
      'clever-token': { type: 'string', default: 'sandbox-token' },
      'platform-port': { type: 'string', default: '0' },
      'platform-token': { type: 'string', default: 'sandbox-platform-token' },
      'platform-file': { type: 'string', default: 'sandbox-platform.sqlite' },
      'license-id': { type: 'string', default: 'lic-sandbox' },
      'write-csv': { type: 'string' },
      'write-zip': { type: 'string' },
      'csv-version': { type: 'string', default: '1.1' },
      'next-year': { type: 'boolean', default: false },
      'latency-ms': { type: 'string' },
      'spike-rate': { type: 'string' },
      'spike-ms': { type: 'string' },
      'error-rate': { type: 'string' },
      'burst-429-every': { type: 'string' },
      'burst-429-length': { type: 'string' },
      'retry-after': { type: 'string' },
      'truncate-rate': { type: 'string' },
      'drop-rate': { type: 'string' },
      'fault-seed': { type: 'string' },
    },
  });
  const int = (
    key:
      | 'seed'
      | 'schools'
      | 'teachers'
      | 'students'
      | 'oneroster-port'
      | 'clever-port'
      | 'platform-port',
  ) => {
    const n = Number(values[key]);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`--${key} must be a whole number, got "${values[key]}"`);
    return n;
  };
  const generated = generateDistrict(
    districtSpec({
      seed: int('seed'),
      schools: Math.max(1, int('schools')),
      teachers: Math.max(1, int('teachers')),
      students: Math.max(1, int('students')),
    }),
  );
  // --next-year: the district's next school year, as the SIS exports it early (with its truth).
  const year = values['next-year']
    ? nextSchoolYear(generated, { leave: 5, arrive: 12, emailChange: 6, noClass: 2 })
    : null;
  const district = year?.district ?? generated;
  const csvVersion = values['csv-version'];
  if (csvVersion !== '1.1' && csvVersion !== '1.2')
    throw new Error(`--csv-version must be 1.1 or 1.2, got "${csvVersion}"`);
  if (values['write-csv']) {
    writeCsvFolder(district, values['write-csv'], csvVersion);
    process.stdout.write(`Wrote a OneRoster ${csvVersion} CSV export to ${values['write-csv']}\n`);
    if (year) {
      const truthFile = `${values['write-csv'].replace(/[\\/]+$/, '')}.truth.json`;
      fs.writeFileSync(truthFile, `${JSON.stringify(year.truth, null, 2)}\n`);
      process.stdout.write(`Next year's truth (who leaves, arrives, graduates…) in ${truthFile}\n`);
    }
  }
  if (values['write-zip']) {
    await writeCsvZip(district, values['write-zip'], [], csvVersion);
    process.stdout.write(`Wrote a OneRoster ${csvVersion} CSV zip to ${values['write-zip']}\n`);
  }
  if (values['write-csv'] || values['write-zip']) return;
  const faults = parseFaultArgs({ ...values, 'next-year': undefined });
  const oneRoster = await startOneRosterServer({
    district,
    clientId: values['client-id'] ?? '',
    clientSecret: values['client-secret'] ?? '',
    port: int('oneroster-port'),
    faults,
  });
  const clever = await startCleverServer({
    district,
    token: values['clever-token'] ?? '',
    port: int('clever-port'),
    faults,
  });
  const platform = await startPlatformServer({
    file: values['platform-file'] ?? 'sandbox-platform.sqlite',
    token: values['platform-token'] ?? '',
    licenseId: values['license-id'] ?? 'lic-sandbox',
    district,
    seed: { seed: int('seed') },
    port: int('platform-port'),
    faults,
  });
  process.stdout.write(
    [
      `District: ${district.name}: ${district.users.count} users, ${district.classes.count} classes, ${district.enrollments.count} enrollments`,
      `ClassLink (OneRoster 1.1) at ${oneRoster.baseUrl}, OneRoster 1.2 at ${oneRoster.baseUrl1p2 ?? ''}  client id "${values['client-id']}", secret "${values['client-secret']}" (OAuth 1.0a, or OAuth 2 at ${oneRoster.baseUrl}/token)`,
      `Clever v3.0 at ${clever.baseUrl}  token "${values['clever-token']}"`,
      `Platform license API at ${platform.baseUrl}  license "${values['license-id']}", token "${values['platform-token']}", data in ${values['platform-file']} (kept across restarts; delete it to re-seed)`,
      'Ctrl-C stops all three.',
      '',
    ].join('\n'),
  );
  const stop = () =>
    void Promise.all([oneRoster.close(), clever.close(), platform.close()]).then(() =>
      process.exit(0),
    );
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
