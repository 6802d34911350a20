/**
 * Results over the shared FHIR R4 fixtures (spec examples, US Core, Synthea): what the model keeps of each
 * quantity, range and interpretation, and decimals read with and without JSON.parse source-text access.
 */
import { expect } from '@open-wc/testing';
import { parseFhirJson, parseFhirJsonFallback, quoteDecimals } from '../../../src/api/fhir/json-fallback.js';

/** Both read paths: with source-text access (this Chromium has it) and the fallback, forced. */
const parse = (text: string, sourceText: boolean): unknown => (sourceText ? parseFhirJson(text) : parseFhirJsonFallback(text));
import { mapObservation } from '../../../src/api/fhir/map/index.js';
import type { Quantity, Result } from '../../../src/model/index.js';
import { FHIR_R4_FILES, loadShared, loadSharedText, resourcesIn } from './map/fixtures.js';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/** Every Quantity of an Observation where the mapper reads them, taken from the source JSON by hand. */
function rawQuantities(observation: Json): Json[] {
  const out: Json[] = [];
  const push = (q: unknown) => {
    if (isRecord(q) && q.value !== undefined) out.push(q);
  };
  const ofValue = (holder: Json) => {
    push(holder.valueQuantity);
    // The mapper shows a valueInteger as a unit-less quantity.
    if (holder.valueInteger !== undefined) out.push({ value: holder.valueInteger });
    if (isRecord(holder.valueRange)) [holder.valueRange.low, holder.valueRange.high].forEach(push);
    if (isRecord(holder.valueRatio)) [holder.valueRatio.numerator, holder.valueRatio.denominator].forEach(push);
    for (const range of list(holder.referenceRange)) {
      push(range.low);
      push(range.high);
      if (isRecord(range.age)) [range.age.low, range.age.high].forEach(push);
    }
  };
  ofValue(observation);
  list(observation.component).forEach(ofValue);
  return out;
}

/** The same quantities as the model holds them. */
function mappedQuantities(result: Result): Quantity[] {
  const out: Quantity[] = [];
  const ofValue = (holder: Pick<Result, 'value' | 'referenceRanges'>) => {
    const v = holder.value;
    if (v.kind === 'quantity') out.push(v.quantity);
    if (v.kind === 'range') out.push(...[v.low, v.high].flatMap((q) => q ?? []));
    if (v.kind === 'ratio') out.push(v.numerator, v.denominator);
    for (const range of holder.referenceRanges) out.push(...[range.low, range.high, range.age?.low, range.age?.high].flatMap((q) => q ?? []));
  };
  ofValue(result);
  result.components.forEach(ofValue);
  return out;
}

const texts = new Map<string, string>();

async function observations(sourceText: boolean): Promise<{ file: string; raw: Json; lexical: string }[]> {
  const out: { file: string; raw: Json; lexical: string }[] = [];
  for (const file of FHIR_R4_FILES) {
    if (!file.endsWith('.json')) continue;
    const text = texts.get(file) ?? (await loadSharedText(file));
    texts.set(file, text);
    for (const resource of resourcesIn(parse(text, sourceText))) {
      if (resource.resourceType === 'Observation') out.push({ file, raw: resource, lexical: text });
    }
  }
  return out;
}

describe('results over the shared fixtures', function () {
  // Three Synthea records are several megabytes; read once, parsed per test.
  this.timeout(30_000);
  before(async () => {
    await Promise.all(FHIR_R4_FILES.filter((f) => f.endsWith('.json')).map(async (f) => texts.set(f, await loadSharedText(f))));
  });
  it('keeps the UCUM system and code of every quantity beside its display unit', async () => {
    const all = await observations(true);
    let total = 0;
    let differing = 0;
    let rawDiffering = 0;
    const examples = new Set<string>();
    for (const { file, raw } of all) {
      const mapped = mapObservation(raw);
      if (!mapped.ok) continue;
      const rawQs = rawQuantities(raw);
      const ours = mappedQuantities(mapped.value);
      expect(ours.length, file).to.equal(rawQs.length);
      ours.forEach((q, i) => {
        const source = rawQs[i];
        expect(q.code, `${file} code`).to.equal(source.code);
        expect(q.system, `${file} system`).to.equal(source.system);
        expect(q.unit, `${file} unit`).to.equal(source.unit ?? source.code);
        if (typeof source.unit === 'string' && typeof source.code === 'string' && source.unit !== source.code) rawDiffering++;
      });
      total += ours.length;
      for (const q of ours) {
        if (q.unit !== undefined && q.code !== undefined && q.unit !== q.code) {
          differing++;
          examples.add(`${q.unit} / ${q.code}`);
        }
      }
    }
    // Exact, like the fixture counts elsewhere: 366 quantities in the Observations that map (valueIntegers
    // included), 60 with a unit text that differs from its code; the second is also counted from the source.
    expect([total, differing]).to.deep.equal([366, 60]);
    expect(differing).to.equal(rawDiffering);
    expect([...examples]).to.include.members(['mmol/l / mmol/L', 'mmHg / mm[Hg]']);
  });

  it('keeps every decimal as written, with and without source-text access', async () => {
    for (const sourceText of [true, false]) {
      for (const { file, raw, lexical } of await observations(sourceText)) {
        const mapped = mapObservation(raw);
        if (!mapped.ok) continue;
        for (const q of mappedQuantities(mapped.value)) {
          // The value appears in the file exactly as the model holds it, as a JSON number after a value key.
          expect(new RegExp(`"value(?:Integer)?"\\s*:\\s*${q.value.replace(/[.+]/g, '\\$&')}[\\s,}]`).test(lexical), `${file} ${q.value} (${sourceText})`).to.equal(true);
        }
      }
    }
    const decimal = await loadSharedText('fhir-r4/r4-spec-examples/observations/Observation-decimal.json');
    for (const sourceText of [true, false]) {
      const mapped = mapObservation(parse(decimal, sourceText));
      expect(mapped.ok && mapped.value.components.map((c) => c.value.kind === 'quantity' && c.value.quantity.value)).to.deep.equal([
        '1.0',
        '1.00',
        '1.0',
        '1E-22',
        '1000000000000000000',
        '1.000000000000000000E-245',
        '-1.000000000000000000E+245',
      ]);
    }
  });

  it('the fallback quotes only value/valueDecimal numbers, however the key is spelled, never inside strings', () => {
    const text = '{"value":2.00,"valueDecimal" : -1E-22,"count":3.0,"note":"\\"value\\":1.50","val\\u0075e":[{"value":0.10}],"x":{"value":"s"}}';
    const parsed = parseFhirJsonFallback(text) as Json;
    // The escaped key decodes to `value`, so (last key wins) it replaces the first `value`; its array is left
    // alone and the `value` inside is quoted.
    expect(parsed.value).to.deep.equal([{ value: '0.10' }]);
    expect({ ...parsed, value: undefined }).to.deep.equal({
      value: undefined,
      valueDecimal: '-1E-22',
      count: 3,
      note: '"value":1.50',
      x: { value: 's' },
    });
    expect(parseFhirJsonFallback(text)).to.deep.equal(parseFhirJson(text));
    expect(quoteDecimals('{"count":1}')).to.equal('{"count":1}');
    expect(() => parseFhirJsonFallback('{"value":2.00')).to.throw();
  });

  it('keeps a range type, appliesTo concepts and age bounds (US Core and R4 examples)', async () => {
    const egfr = mapObservation(await loadShared('fhir-r4/r4-spec-examples/observations/Observation-f205.json'));
    if (!egfr.ok) throw new Error(egfr.reason);
    const range = egfr.value.components[0].referenceRanges[0];
    expect(range.appliesTo?.map((c) => c.text)).to.deep.equal(['non-black/african-american']);
    expect(range.age?.low).to.include({ value: '18', unit: 'yrs' });
    // Every range in the fixtures that has a type, appliesTo or age keeps it.
    let typed = 0;
    let applying = 0;
    for (const { raw } of await observations(true)) {
      const mapped = mapObservation(raw);
      if (!mapped.ok) continue;
      const rawRanges = [raw, ...list(raw.component)].flatMap((h) => list(h.referenceRange));
      const ours = [mapped.value, ...mapped.value.components].flatMap((h) => h.referenceRanges);
      expect(ours.filter((r) => r.type).length).to.equal(rawRanges.filter((r) => r.type).length);
      expect(ours.filter((r) => r.appliesTo).length).to.equal(rawRanges.filter((r) => r.appliesTo).length);
      expect(ours.filter((r) => r.age).length).to.equal(rawRanges.filter((r) => r.age).length);
      typed += ours.filter((r) => r.type).length;
      applying += ours.filter((r) => r.appliesTo).length;
    }
    expect(typed + applying).to.be.greaterThan(0);
  });

  it('keeps every interpretation coding in order, the most severe first to show', () => {
    const v3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
    const mapped = mapObservation({
      resourceType: 'Observation',
      id: 'x',
      status: 'final',
      code: { text: 'Potassium' },
      valueQuantity: { value: '6.8', unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
      interpretation: [{ coding: [{ system: v3, code: 'H' }, { system: v3, code: 'HH' }] }, { text: 'Repeat advised' }],
    });
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.value.interpretations?.map((i) => i.code)).to.deep.equal(['H', 'HH', '']);
    expect(mapped.value.interpretation?.code).to.equal('HH');
  });
});

