import { writeCsvZip } from '../../sandbox/district/write-csv';
import { benchDistrict, scaleArg } from './bench-district';

/** The CSV benchmark's export, written in its own process before the clock starts. */
const out = process.argv[process.argv.indexOf('--out') + 1];
if (!out || !process.argv.includes('--out')) throw new Error('--out FILE is required');
await writeCsvZip(benchDistrict(scaleArg(process.argv)), out);
process.stdout.write(`READY ${out}\n`);
