import { startOneRosterServer } from '../../sandbox/oneroster/oneroster-server';
import { benchDistrict, scaleArg } from './bench-district';

/** The benchmark's roster server, in its own process so the ingesting process is measured alone. */
const server = await startOneRosterServer({
  district: benchDistrict(scaleArg(process.argv)),
  clientId: 'bench',
  clientSecret: 'bench-secret',
  maxLimit: 10_000,
});
process.stdout.write(`READY ${server.baseUrl}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
