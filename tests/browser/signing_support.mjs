// Signing as a unit's tool signs, for the journeys that need a trusted test CA
// (run_browser_test.sh makes it in LLW_SIGNING_DIR): a signer certificate of the CA in an NSS
// database, and `pdfsig -add-signature` with it.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

function sh(dir, command, args) {
  execFileSync(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

// A signer certificate named `commonName` of the test CA in `dir`/nss.
export function makeSigner(dir, commonName) {
  sh(dir, 'openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-keyout', 'signer.key',
    '-out', 'signer.csr', '-subj', '/CN=' + commonName]);
  sh(dir, 'openssl', ['x509', '-req', '-in', 'signer.csr', '-CA', 'roots/ca.pem', '-CAkey',
    'ca.key', '-CAcreateserial', '-out', 'signer.pem', '-days', '30']);
  sh(dir, 'openssl', ['pkcs12', '-export', '-inkey', 'signer.key', '-in', 'signer.pem', '-name',
    'signer', '-passout', 'pass:', '-out', 'signer.p12']);
  mkdirSync(join(dir, 'nss'));
  sh(dir, 'certutil', ['-N', '-d', 'sql:nss', '--empty-password']);
  sh(dir, 'pk12util', ['-i', 'signer.p12', '-d', 'sql:nss', '-W', '']);
}

// `dir`/`input` signed by the signer into `dir`/`output`.
export function signPdf(dir, input, output) {
  sh(dir, 'pdfsig', [input, output, '-add-signature', '-nssdir', 'sql:nss', '-nick', 'signer',
    '-reason', 'Ký báo cáo']);
}
