// Our verdict for every card in the shared SMART Health Card fixtures (never edited), at CLOCK, with the fixture
// issuers trusted and their key sets and revocation lists supplied offline. verdict-table.test.ts asserts every
// row; VERDICTS.md is the same table in words (the test checks it lists every row as here).
//
// `cards`: one verdict per card the input holds, `kind` or `kind:problem`. `signedHere`: for an unsigned payload,
// the verdict once a test issuer trusted here signs it unchanged but for `iss` (what our checks make of its claims).
// `validator`: the official validator's expectation (dev-tools-testdata/EXPECTED.md), `why`: why ours differs.

/** 2024-01-01T00:00:00Z: the spec cards (issued 2023-06-22) are current and example-03 (exp 2024-06-21) has not expired. */
export const CLOCK = Date.UTC(2024, 0, 1) / 1000;

export interface VerdictRow {
  /** Paths under the fixtures' smart-health-cards/; several are one card's QR chunks, given one per line in this order. */
  files: string[];
  cards: string[];
  signedHere?: string;
  reason: string;
  validator: string;
  why?: string;
}

const SE = 'spec-examples';
const DT = 'dev-tools-testdata';
const IG = 'shc-vaccination-ig/examples';
const NOT_SIGNED = 'not a card: a FHIR Bundle or JWS payload carries no signature, so nothing in it can be believed';
const FHIR_ONLY = 'the validator checks what an issuer should produce (FHIR schema, profiles, minimal bundles); a verifier asks whether the signed card is genuine, valid and current, and the FHIR is then read defensively';

const specRows = (n: string, signed: string, reason: string): VerdictRow[] => [
  { files: [`${SE}/example-${n}-a-fhirBundle.json`], cards: ['unreadable:payload'], reason: NOT_SIGNED, validator: n === '02' ? 'SHORT_URL_WARNINGS (110 FHIR schema warnings)' : 'valid', why: 'a bare bundle is valid FHIR to a validator and no card to a verifier' },
  { files: [`${SE}/example-${n}-b-jws-payload-expanded.json`], cards: ['unreadable:payload'], signedHere: signed, reason: NOT_SIGNED, validator: n === '02' ? 'SHORT_URL_WARNINGS' : 'valid', why: 'an unsigned payload is no card; signed here it is judged as below' },
  { files: [`${SE}/example-${n}-c-jws-payload-minified.json`], cards: ['unreadable:payload'], signedHere: signed, reason: NOT_SIGNED, validator: n === '02' ? 'SHORT_URL_WARNINGS' : 'valid', why: 'as the expanded payload' },
  { files: [`${SE}/example-${n}-d-jws.txt`], cards: [n === '03' ? 'revoked:revoked' : 'verified'], reason, validator: n === '02' ? 'SHORT_URL_WARNINGS, JWS_TOO_LONG warning' : 'valid', ...(n === '02' ? { why: `${FHIR_ONLY}; a long JWS is no defect in a file` } : {}) },
  { files: [`${SE}/example-${n}-e-file.smart-health-card`], cards: [n === '03' ? 'revoked:revoked' : 'verified'], reason, validator: n === '02' ? 'SHORT_URL_WARNINGS, JWS_TOO_LONG warning' : 'valid', ...(n === '02' ? { why: FHIR_ONLY } : {}) },
];

export const VERDICT_ROWS: VerdictRow[] = [
  ...specRows('00', 'verified', 'signed by the trusted spec issuer with a key whose kid is its thumbprint; its rid is not on the key\'s revocation list'),
  { files: [`${SE}/example-00-f-qr-code-numeric-value-0.txt`], cards: ['verified'], reason: 'the numeric QR decodes to example-00\'s JWS', validator: 'valid' },
  ...specRows('01', 'verified', 'signed by the spec issuer\'s second key (no crlVersion, so no list to consult)'),
  { files: [`${SE}/example-01-f-qr-code-numeric-value-0.txt`], cards: ['verified'], reason: 'as example-01\'s JWS', validator: 'valid (at the validator\'s 2022 clock; its key\'s x5c certificate expired 2022-06-01)', why: 'we do not check x5c chains (no PKI trust framework is configured): trust comes from the host\'s list, so an expired certificate beside the JWK changes nothing' },
  ...specRows('02', 'verified', 'a 55-entry lab report, signed by the trusted issuer'),
  { files: [1, 2, 3].map((n) => `${SE}/example-02-f-qr-code-numeric-value-${n - 1}.txt`), cards: ['verified'], reason: 'three chunks, assembled in order, give example-02\'s JWS', validator: 'QR_CHUNKING_DEPRECATED error, JWS_TOO_LONG warning', why: 'chunking is deprecated for issuers, but a chunked card already printed is still genuine: the issue asks us to accept chunks in any order' },
  { files: [1, 0, 2].map((n) => `${SE}/example-02-f-qr-code-numeric-value-${n}.txt`), cards: ['verified'], reason: 'the same chunks out of order', validator: 'QR_CHUNKING_DEPRECATED error, JWS_TOO_LONG warning', why: 'as above' },
  { files: [`${SE}/example-02-f-qr-code-numeric-value-0.txt`, `${SE}/example-02-f-qr-code-numeric-value-2.txt`], cards: ['unreadable:qr-chunk-missing'], reason: 'chunk 2 of 3 is missing', validator: 'QR_CHUNKING_DEPRECATED, MISSING_QR_CHUNK' },
  { files: [`${SE}/example-02-f-qr-code-numeric-value-0.txt`, `${SE}/example-02-f-qr-code-numeric-value-2.txt`, `${SE}/example-02-f-qr-code-numeric-value-0.txt`], cards: ['unreadable:qr-chunk-duplicate'], reason: 'chunk 1 given twice', validator: 'QR_CHUNKING_DEPRECATED, INVALID_NUMERIC_QR_HEADER' },
  { files: [`${DT}/test-example-00-f-qr-code-numeric-value-0-index-out-of-range.txt`, `${SE}/example-02-f-qr-code-numeric-value-1.txt`], cards: ['unreadable:qr-chunk-index'], reason: 'a chunk numbered 3 of 2', validator: 'QR_CHUNKING_DEPRECATED, INVALID_NUMERIC_QR_HEADER' },
  ...specRows('03', 'verified', 'genuine, but its rid vwAjHdarZuc is listed with time 1687450765, after its nbf 1687450764.657: revoked (it would be revoked, not expired, after 2024-06-21 too)'),
  { files: [`${SE}/example-03-f-qr-code-numeric-value-0.txt`], cards: ['revoked:revoked'], reason: 'as example-03\'s JWS', validator: 'valid', why: 'the validator does not consult the spec issuer\'s revocation list for this row; a verifier must (the key declares crlVersion 1)' },

  // The validator's vectors.
  { files: [`${DT}/test-example-00-a-fhirBundle-bad_meta_extra_key.json`], cards: ['unreadable:payload'], reason: NOT_SIGNED, validator: 'FHIR_SCHEMA_ERROR warning', why: FHIR_ONLY },
  { files: [`${DT}/test-example-00-a-fhirBundle-bad_meta_non_security.json`], cards: ['unreadable:payload'], reason: NOT_SIGNED, validator: 'FHIR_SCHEMA_ERROR warning', why: FHIR_ONLY },
  { files: [`${DT}/test-example-00-a-fhirBundle-bad_meta_wrong_security.json`], cards: ['unreadable:payload'], reason: NOT_SIGNED, validator: 'FHIR_SCHEMA_ERROR error', why: FHIR_ONLY },
  { files: [`${DT}/test-example-00-a-fhirBundle-empty-values.json`], cards: ['unreadable:payload'], reason: NOT_SIGNED, validator: '4 FHIR_SCHEMA_ERROR errors', why: FHIR_ONLY },
  { files: [`${DT}/test-example-00-a-fhirBundle-occurrence-issues.json`], cards: ['unreadable:payload'], reason: NOT_SIGNED, validator: '2 FHIR_SCHEMA_ERROR errors', why: FHIR_ONLY },
  { files: [`${DT}/test-example-00-a-fhirBundle-profile-usa.json`], cards: ['unreadable:payload'], reason: NOT_SIGNED, validator: '9 PROFILE_ERROR, 4 FHIR_SCHEMA_ERROR (usa-covid19-immunization profile)', why: `${FHIR_ONLY}; no profile is applied` },
  { files: [`${DT}/test-example-00-a-fhirBundle-status-not-completed.json`], cards: ['unreadable:payload'], reason: NOT_SIGNED, validator: '2 FHIR_SCHEMA_ERROR errors', why: `${FHIR_ONLY}; the vaccine record shows a status as it is` },
  { files: [`${DT}/test-example-00-a-fhirBundle-trailing_chars.json`], cards: ['unreadable:payload'], reason: 'not JSON (characters after the object), and no card either', validator: 'TRAILING_CHARACTERS' },
  { files: [`${DT}/test-example-00-a-non-dm-properties.json`], cards: ['unreadable:payload'], reason: NOT_SIGNED, validator: '5 SCHEMA_ERROR warnings', why: FHIR_ONLY },
  { files: [`${DT}/test-example-00-a-short-refs.json`], cards: ['unreadable:payload'], reason: NOT_SIGNED, validator: '7 SCHEMA_ERROR errors', why: FHIR_ONLY },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-exp_milliseconds.json`], cards: ['unreadable:payload'], signedHere: 'unreadable:time-claims', reason: `${NOT_SIGNED}; signed, its exp in milliseconds (year 57000) is refused rather than read as "never expires"`, validator: 'EXPIRATION_ERROR warning', why: 'ours refuses it outright: a card that never expires by mistake is not accepted' },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-expired.json`], cards: ['unreadable:payload'], signedHere: 'expired:expired', reason: `${NOT_SIGNED}; signed, it expired 2021-12-14`, validator: 'EXPIRATION_ERROR warning', why: 'expired is a verdict of its own for a verifier, not a warning' },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-missing-coding.json`], cards: ['unreadable:payload'], signedHere: 'verified', reason: `${NOT_SIGNED}; signed, its FHIR is the issuer's to get right`, validator: '2 FHIR_SCHEMA_ERROR errors, SCHEMA_ERROR warning', why: `${FHIR_ONLY}; the vaccine record names an uncoded vaccine in words where it can and says so where it cannot` },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-missing-covid-vc-type.json`], cards: ['unreadable:payload'], signedHere: 'verified', reason: `${NOT_SIGNED}; signed, it still has the health-card type`, validator: 'SCHEMA_ERROR warning', why: 'only the health-card type is required; the others SHOULD be present and do not make a card fake' },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-missing-imm-vc-type.json`], cards: ['unreadable:payload'], signedHere: 'verified', reason: `${NOT_SIGNED}; signed, as above`, validator: 'SCHEMA_ERROR warning', why: 'as above' },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-missing-shc-vc-type.json`], cards: ['unreadable:payload'], signedHere: 'unreadable:vc-type', reason: `${NOT_SIGNED}; signed, it lacks the health-card type: not a health card`, validator: 'SCHEMA_ERROR error', why: 'ours agrees, as a refusal rather than a schema finding: the signed payload is unreadable as a health card (vc-type)' },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-nbf_milliseconds.json`], cards: ['unreadable:payload'], signedHere: 'unreadable:time-claims', reason: `${NOT_SIGNED}; signed, an nbf in milliseconds is refused`, validator: 'NOT_YET_VALID error' },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-nbf_not_yet_valid.json`], cards: ['unreadable:payload'], signedHere: 'unreadable:not-yet-valid', reason: `${NOT_SIGNED}; signed, it is issued in 2050`, validator: 'NOT_YET_VALID warning', why: 'a card issued in the future is refused, not accepted with a warning' },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-optional-vc-type.json`], cards: ['unreadable:payload'], signedHere: 'verified', reason: `${NOT_SIGNED}; signed, an extra type is ignored`, validator: 'SCHEMA_ERROR warning', why: 'verifiers SHALL ignore types they do not understand' },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-pre-expired.json`], cards: ['unreadable:payload'], signedHere: 'expired:expired', reason: `${NOT_SIGNED}; signed, its exp is before its nbf and long past`, validator: 'EXPIRATION_ERROR error and warning', why: 'ours agrees; one verdict (expired) instead of an error and a warning' },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-trailing_chars.json`], cards: ['unreadable:payload'], reason: 'not JSON (characters after the object), so it cannot be signed here either', validator: 'TRAILING_CHARACTERS' },
  { files: [`${DT}/test-example-00-b-jws-payload-expanded-unknown-vc-types.json`], cards: ['unreadable:payload'], signedHere: 'verified', reason: `${NOT_SIGNED}; signed, unknown types are ignored`, validator: '2 SCHEMA_ERROR warnings', why: 'as optional-vc-type' },
  { files: [`${DT}/test-example-covid-lab-jwspayload-missing-lab-vc-type.json`], cards: ['unreadable:payload'], signedHere: 'verified', reason: `${NOT_SIGNED}; signed, it keeps the health-card type`, validator: 'SCHEMA_ERROR warning', why: 'as missing-covid-vc-type' },
  { files: [`${DT}/test-example-00-d-jws-bad-fhir-metadata.txt`], cards: ['verified'], reason: 'genuine; its bundle\'s meta is the issuer\'s concern', validator: 'no row in EXPECTED.md', why: FHIR_ONLY },
  { files: [`${DT}/test-example-00-d-jws-der-signature.txt`], cards: ['altered-or-forged:signature-format'], reason: 'a DER signature, not the 64-byte R||S ES256 requires', validator: 'SIGNATURE_FORMAT_ERROR' },
  { files: [`${DT}/test-example-00-d-jws-der-signature-r-neg.txt`], cards: ['altered-or-forged:signature-format'], reason: 'as above', validator: 'SIGNATURE_FORMAT_ERROR' },
  { files: [`${DT}/test-example-00-d-jws-der-signature-s-neg.txt`], cards: ['altered-or-forged:signature-format'], reason: 'as above', validator: 'SIGNATURE_FORMAT_ERROR' },
  { files: [`${DT}/test-example-00-d-jws-der-signature-rs-neg.txt`], cards: ['altered-or-forged:signature-format'], reason: 'as above', validator: 'SIGNATURE_FORMAT_ERROR' },
  { files: [`${DT}/test-example-00-d-jws-invalid-signature.txt`], cards: ['altered-or-forged:signature'], reason: 'the signature does not verify with the issuer\'s key', validator: 'JWS_VERIFICATION_ERROR' },
  { files: [`${DT}/test-example-00-d-jws-issuer-kid-mismatch.txt`], cards: ['altered-or-forged:unknown-key'], reason: 'signed by a key the spec issuer does not publish', validator: 'ISSUER_KID_MISMATCH (with another key set)' },
  { files: [`${DT}/test-example-00-d-jws-issuer-not-valid-with-smart-key.txt`], cards: ['untrusted-issuer:issuer-not-trusted'], reason: 'issued by foo.smarthealth.cards, not on the trust list and no key supplied: cannot check, nothing fetched', validator: 'no row in EXPECTED.md' },
  { files: [`${DT}/test-example-00-d-jws-jws_too_long.txt`], cards: ['untrusted-issuer:issuer-not-trusted'], reason: 'issued by smarthealth.cards/examples/issuer (an older example issuer), not trusted here: cannot check', validator: 'no row in EXPECTED.md' },
  { files: [`${DT}/test-example-00-d-jws-no_deflate.txt`], cards: ['unreadable:header'], reason: 'no zip: DEF header', validator: 'no row for the JWS (the file row: INFLATION_ERROR, JWS_HEADER_ERROR; JWS_TOO_LONG warning)', why: 'we stop at the header that names no compression and never inflate; the length is no defect' },
  { files: [`${DT}/test-example-00-d-jws-no_jws_header_alg.txt`], cards: ['unreadable:header'], reason: 'no alg header', validator: 'JWS_HEADER_ERROR, JWS_VERIFICATION_ERROR' },
  { files: [`${DT}/test-example-00-d-jws-no_jws_header_kid.txt`], cards: ['unreadable:header'], reason: 'no kid header', validator: 'JWS_HEADER_ERROR, JWS_VERIFICATION_ERROR' },
  { files: [`${DT}/test-example-00-d-jws-no_jws_header_zip.txt`], cards: ['unreadable:header'], reason: 'no zip header', validator: 'JWS_HEADER_ERROR, JWS_VERIFICATION_ERROR' },
  { files: [`${DT}/test-example-00-d-jws-trailing_chars.txt`], cards: ['unreadable:not-a-jws'], reason: 'space, tab, line break, space after the signature: not trimmed into a JWS', validator: 'TRAILING_CHARACTERS' },
  { files: [`${DT}/test-example-00-d-jws-utf8_bom_prefix.txt`], cards: ['unreadable:payload'], reason: 'a byte-order mark before the payload JSON: refused, not skipped', validator: 'TRAILING_CHARACTERS ×2' },
  { files: [`${DT}/test-example-00-d-jws-wrong_jws_header_kid.txt`], cards: ['altered-or-forged:unknown-key'], reason: 'a kid the issuer does not publish', validator: 'JWS_VERIFICATION_ERROR' },
  { files: [`${DT}/test-example-00-e-file-bad_jwks.smart-health-card`], cards: ['unreadable:issuer-keys'], reason: 'its issuer (badjwks) is trusted here with its published key set, which is not JSON: cannot check', validator: 'ISSUER_KEY_DOWNLOAD_ERROR, JWS_VERIFICATION_ERROR' },
  { files: [`${DT}/test-example-00-e-file-invalid_deflate.smart-health-card`], cards: ['unreadable:inflate'], reason: 'the payload is not raw DEFLATE', validator: 'INFLATION_ERROR' },
  { files: [`${DT}/test-example-00-e-file-invalid_issuer_url.smart-health-card`], cards: ['untrusted-issuer:issuer-not-trusted'], reason: 'iss …/issuerinvalid_url is no issuer on the list, and no key was supplied: cannot check, nothing fetched', validator: 'ISSUER_KEY_DOWNLOAD_ERROR, JWS_VERIFICATION_ERROR', why: 'the validator tries to download its keys; we never contact an issuer off the trust list' },
  { files: [`${DT}/test-example-00-e-file-invalid_issuer_url_http.smart-health-card`], cards: ['unreadable:issuer-url'], reason: 'an http:// issuer', validator: 'INVALID_ISSUER_URL (+ INVALID_KEY_X5C with OpenSSL)' },
  { files: [`${DT}/test-example-00-e-file-issuer_url_with_trailing_slash.smart-health-card`], cards: ['unreadable:issuer-url'], reason: 'an issuer with a trailing slash', validator: 'INVALID_ISSUER_URL (+ INVALID_KEY_X5C with OpenSSL)' },
  { files: [`${DT}/test-example-00-e-file-jws_too_long.smart-health-card`], cards: ['untrusted-issuer:issuer-not-trusted'], reason: 'as the jws_too_long JWS', validator: 'no row in EXPECTED.md' },
  { files: [`${DT}/test-example-00-e-file-multi-jws-issues.smart-health-card`], cards: ['unreadable:header', 'verified'], reason: 'each card on its own: the first lacks its alg header, the second is genuine; the whitespace JSON allows around the file\'s object is not in anything signed', validator: 'JWS_HEADER_ERROR, JWS_VERIFICATION_ERROR, TRAILING_CHARACTERS', why: 'we judge each card in a file separately, and accept the JSON whitespace around the file (see trailing_chars file)' },
  { files: [`${DT}/test-example-00-e-file-multi-jws.smart-health-card`], cards: ['verified', 'verified'], reason: 'two genuine cards in one file', validator: 'valid' },
  { files: [`${DT}/test-example-00-e-file-no_deflate.smart-health-card`], cards: ['unreadable:header'], reason: 'no zip: DEF header', validator: 'INFLATION_ERROR, JWS_HEADER_ERROR; JWS_TOO_LONG warning', why: 'as the JWS: refused at its header; the length is no defect' },
  { files: [`${DT}/test-example-00-e-file-trailing_chars.smart-health-card`], cards: ['verified'], reason: 'the card inside is genuine; the file has spaces, tabs and line breaks around its JSON object', validator: 'TRAILING_CHARACTERS error', why: 'JSON permits that whitespace and it lies outside anything signed; the JWS itself is read exactly (its own trailing_chars vector is refused)' },
  { files: [`${DT}/test-example-00-e-file.wrong-extension`], cards: ['verified'], reason: 'the card is genuine; a name is not part of it', validator: 'INVALID_FILE_EXTENSION warning', why: 'the extension says nothing about the card; the element\'s file picker may still ask for .smart-health-card' },
  { files: [`${DT}/test-example-00-f-qr-code-numeric-value-0-number-too-big.txt`], cards: ['unreadable:not-numeric-qr'], reason: 'a digit pair above 77', validator: 'INVALID_NUMERIC_QR' },
  { files: [`${DT}/test-example-00-f-qr-code-numeric-value-0-odd-count.txt`], cards: ['unreadable:not-numeric-qr'], reason: 'an odd number of digits', validator: 'INVALID_NUMERIC_QR' },
  { files: [`${DT}/test-example-00-f-qr-code-numeric-value-0-trailing_chars.txt`], cards: ['unreadable:not-numeric-qr'], reason: 'space and tab after the digits (the line break is taken as a scanner\'s Enter; the rest is refused)', validator: 'TRAILING_CHARACTERS' },
  { files: [`${DT}/test-example-00-f-qr-code-numeric-value-0-wrong-multi-chunk.txt`], cards: ['unreadable:qr-chunk-index'], reason: 'a lone shc:/1/1/: a single code carries no chunk numbers', validator: 'INVALID_NUMERIC_QR_HEADER warning', why: 'the header breaks the QR rules and we refuse rather than repair a header' },
  { files: [`${DT}/test-example-00-f-qr-code-numeric-value-0-wrong_qr_header.txt`], cards: ['unreadable:not-numeric-qr'], reason: 'shc: without the slash', validator: 'INVALID_NUMERIC_QR_HEADER' },
  { files: Array.from({ length: 17 }, (_, i) => `${DT}/test-example-00-f-qr-code-numeric-value-${i}-qr_chunk_too_small.txt`), cards: ['verified'], reason: 'seventeen needlessly small chunks of one genuine card', validator: 'QR_CHUNKING_DEPRECATED error; INVALID_QR, UNBALANCED_QR_CHUNKS warnings', why: 'the specification asks producers to balance chunks (SHOULD); unbalanced chunks of a genuine card are accepted' },
  { files: [`${DT}/test-example-02-f-qr-code-numeric-value-0-qr_chunk_too_big.txt`, `${DT}/test-example-02-f-qr-code-numeric-value-1-qr_chunk_too_big.txt`], cards: ['unreadable:qr-chunk-size'], reason: 'each chunk holds over 1191 JWS characters, more than a chunk SHALL', validator: 'QR_CHUNKING_DEPRECATED, INVALID_NUMERIC_QR ×2; JWS_TOO_LONG warning', why: 'refused as the validator does; the long JWS it joins into is no defect in itself (example-02 is as long and verified)' },
  { files: [`${DT}/test-example-00-fhirhealthcard.json`], cards: ['verified'], reason: 'a $health-cards-issue answer with one genuine card', validator: 'valid' },
  { files: [`${DT}/test-example-00-fhirhealthcard-multi-jws.json`], cards: ['verified', 'verified'], reason: 'two genuine cards', validator: 'valid' },
  { files: [`${DT}/test-example-00-fhirhealthcard-with-resource-link.json`], cards: ['verified', 'verified'], reason: 'two genuine cards; resourceLink parts are not cards', validator: 'valid' },
  { files: [`${DT}/test-example-1195-byte-qrnumeric.txt`], cards: ['verified'], reason: 'the longest JWS one QR holds', validator: 'valid' },
  { files: [`${DT}/badcrl/duplicate-rid/jws-crl-duplicate-rid.txt`], cards: ['verified'], reason: 'genuine and without a rid, so a rid list cannot name it; a rid listed twice is harmless', validator: 'REVOCATION_ERROR ×2', why: 'the validator grades the issuer\'s list; for this card the list decides nothing' },
  { files: [`${DT}/badcrl/invalid-method/jws-crl-invalid-method.txt`], cards: ['unreadable:revocation-list'], reason: 'the key\'s list uses a method we cannot apply: revocation unknown, so not verified', validator: 'REVOCATION_ERROR' },
  { files: [`${DT}/badcrl/non-base64url-rid/jws-crl-non-base64url-rid.txt`], cards: ['verified'], reason: 'genuine, its rid abcde not listed; entries outside the base64url alphabet are dropped (no card rid can equal them)', validator: 'REVOCATION_ERROR', why: 'one bad entry is dropped, not the list; it could only ever match an invalid rid' },
  { files: [`${DT}/badcrl/too-long-rid/jws-crl-too-long-rid.txt`], cards: ['verified'], reason: 'as above, for an entry over 24 characters', validator: 'REVOCATION_ERROR', why: 'as above' },
  { files: [`${DT}/badcrl/version-mismatch/jws-crl-version-mismatch.txt`], cards: ['unreadable:revocation-list'], reason: 'the list\'s ctr 2 is not the key\'s crlVersion 1: one of them is stale, so revocation is unknown', validator: 'REVOCATION_ERROR' },

  // The Vaccination & Testing IG's signed scenarios.
  ...[1, 2, 3].flatMap((n): VerdictRow[] => [
    { files: [`${IG}/Scenario${n}Bundle-jws.txt`], cards: ['verified'], reason: `IG scenario ${n}, signed by the spec issuer`, validator: 'no row (verifies offline, per EXPECTED.md)' },
    { files: [`${IG}/Scenario${n}Bundle-file.smart-health-card`], cards: ['verified'], reason: 'as its JWS', validator: 'no row' },
    { files: [`${IG}/Scenario${n}Bundle-qr-code-numeric-value-0.txt`], cards: ['verified'], reason: 'as its JWS', validator: 'no row' },
    { files: [`${IG}/Scenario${n}Bundle-jws-payload-expanded.json`], cards: ['unreadable:payload'], signedHere: 'verified', reason: NOT_SIGNED, validator: 'no row' },
    { files: [`${IG}/Scenario${n}Bundle-jws-payload-minified.json`], cards: ['unreadable:payload'], signedHere: 'verified', reason: NOT_SIGNED, validator: 'no row' },
  ]),
];

/** Issuers the fixtures carry keys for, trusted in the table's run, with where their files are. */
export const FIXTURE_ISSUERS: Array<{ iss: string; dir: string; kids: string[] }> = [
  { iss: 'https://spec.smarthealth.cards/examples/issuer', dir: 'spec-examples/issuer', kids: ['3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s'] },
  ...['duplicate-rid', 'invalid-method', 'non-base64url-rid', 'too-long-rid', 'version-mismatch'].map((name) => ({
    iss: `https://raw.githubusercontent.com/smart-on-fhir/health-cards-dev-tools/main/testdata/badcrl/${name}`,
    dir: `dev-tools-testdata/badcrl/${name}`,
    kids: ['hrvC0uzB16UXK83BnPo7Glg685b1D6iYOyJd5hpRaAA'],
  })),
];
/** The badjwks issuer publishes a key set that is not JSON (kept as a .txt): it is trusted with that text as its set. */
export const BADJWKS = { iss: 'https://raw.githubusercontent.com/microsoft/health-cards-validation-SDK/main/testdata/badjwks', file: 'dev-tools-testdata/badjwks/.well-known/jwks.json.INVALID-not-json.txt' };

/** Files that hold no card (FHIR resources, $health-cards-issue requests and definitions): each read as `unreadable:payload`. */
export const NON_CARD_FILES: string[] = [
  'shc-vaccination-ig/examples/byCodeSystem/air_immunization.json',
  'shc-vaccination-ig/examples/byCodeSystem/atc_gtin_immunization.json',
  'shc-vaccination-ig/examples/byCodeSystem/atc_immunization.json',
  'shc-vaccination-ig/examples/byCodeSystem/cvx_immunization.json',
  'shc-vaccination-ig/examples/byCodeSystem/gtin_immunization.json',
  'shc-vaccination-ig/examples/byCodeSystem/icd11_gtin_immunization.json',
  'shc-vaccination-ig/examples/byCodeSystem/icd11_immunization.json',
  'shc-vaccination-ig/examples/byCodeSystem/snomed_gtin_immunization.json',
  'shc-vaccination-ig/examples/byCodeSystem/snomed_immunization.json',
  'shc-vaccination-ig/input/examples/bundle-immunization-covid.json',
  'shc-vaccination-ig/input/examples/bundle-immunization-mpox.json',
  'shc-vaccination-ig/input/examples/bundle-lab-test-results-covid.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-bundle-immunization-covid-2.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-bundle-immunization-mpox-2.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-bundle-lab-test-results-covid-2.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-bundle-lab-test-results-covid-3.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-bundle-lab-test-results-covid-4.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-immunization-covid-1a.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-immunization-covid-1b.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-immunization-covid-2a.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-immunization-covid-2b.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-immunization-covid-3a.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-immunization-covid-3b.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-immunization-mpox-1a.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-immunization-mpox-1b.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-immunization-mpox-2a.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-immunization-mpox-2b.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-observation-covid-1a.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-observation-covid-1b.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-observation-covid-1c.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-observation-covid-1d.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-patient-covid-1a.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-patient-covid-1b.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-patient-covid-1c.json',
  'shc-vaccination-ig/input/examples/zzz-autogenerated-example-patient-covid-1d.json',
  'shc-vaccination-ig/src/test/resources/date-invariant-with-time.test.json',
  'shc-vaccination-ig/src/test/resources/immunization-code-slicing.test.json',
  'shc-vaccination-ig/src/test/resources/immunization-ial-value-set.test.json',
  'shc-vaccination-ig/src/test/resources/name-invariant-family-only.test.json',
  'shc-vaccination-ig/src/test/resources/name-invariant-none.test.json',
  'shc-vaccination-ig/src/test/resources/name-invariant-xor.test.json',
  'shc-vaccination-ig/src/test/resources/observation-non-covid-loinc.test.json',
  'shc-vaccination-ig/src/test/resources/observation-quantity-dm.test.json',
  'shc-vaccination-ig/src/test/resources/observation-quantity-shall-have-range.test.json',
  'shc-vaccination-ig/src/test/resources/observation-range-only-quantity.test.json',
  'shc-vaccination-ig/src/test/resources/observation-string-dm.test.json',
  'shc-vaccination-ig/src/test/resources/shall-be-resource-uri.test.json',
  'shc-vaccination-ig/src/test/resources/shall-be-true-if-populated-invariant.test.json',
  'shc-vaccination-ig/src/test/resources/shall-not-be-a-covid-loinc.test.json',
  'shc-vaccination-ig/src/test/resources/should-be-omitted-privacy.test.json',
  'shc-vaccination-ig/src/test/resources/should-be-omitted.test.json',
  'shc-vaccination-ig/src/test/resources/should-be-under-30-chars.test.json',
  'shc-vaccination-ig/src/test/resources/should-not-include-string-lot.test.json',
  'spec-examples/operation-patient-i-health-cards-issue.json',
  'spec-inline/health-cards-issue-request-identity-claim.json',
  'spec-inline/health-cards-issue-request-immunization.json',
  'spec-inline/health-cards-issue-request-since.json',
  'spec-inline/health-cards-issue-request-valueset.json',
  'spec-inline/health-cards-issue-response-empty.json',
  'spec-inline/smart-configuration-with-health-cards-capability.json',
];
