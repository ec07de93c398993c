import { expect } from 'chai';

/**
 * Checks a SARIF log against what the SARIF 2.1.0 schema requires of the objects ei-lint writes
 * (`required`, types, enums, minimums, and `additionalProperties: false` as far as the properties
 * these objects use), and what GitHub code scanning requires besides: a driver name, and results
 * with a rule id, a message text and a physical location with a region, and rules with both
 * descriptions, `help` (text and markdown) and a `helpUri`.
 */

type Json = Record<string, unknown>;

/** The properties the schema allows on each object ei-lint writes (all of them `additionalProperties: false`). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  sarifLog: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'],
  tool: ['driver', 'extensions', 'properties'],
  toolComponent: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
  reportingDescriptor: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'],
  multiformatMessageString: ['text', 'markdown', 'properties'],
  reportingConfiguration: ['enabled', 'level', 'rank', 'parameters', 'properties'],
  result: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'],
  message: ['text', 'markdown', 'id', 'arguments', 'properties'],
  location: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
  physicalLocation: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'],
  artifactLocation: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
  region: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'],
};

const LEVELS = ['none', 'note', 'warning', 'error'];

function object(value: unknown, kind: string, where: string): Json {
  expect(value, `${where} (${kind}) should be an object`).to.be.an('object').and.not.be.an('array');
  if (kind === 'propertyBag') return value as Json;
  const extra = Object.keys(value as Json).filter((key) => !ALLOWED[kind]!.includes(key));
  expect(extra, `${where} (${kind}) has properties the schema does not allow`).to.deep.equal([]);
  return value as Json;
}

function absoluteUri(value: unknown, where: string): void {
  expect(value, where).to.be.a('string');
  expect(() => new URL(value as string), `${where} should be an absolute URI`).to.not.throw();
}

function integer(value: unknown, minimum: number, where: string): number {
  expect(Number.isInteger(value), `${where} should be an integer`).to.equal(true);
  expect(value as number, where).to.be.at.least(minimum);
  return value as number;
}

function text(value: unknown, kind: 'message' | 'multiformatMessageString', where: string): void {
  expect(object(value, kind, where)['text'], `${where}.text`).to.be.a('string').and.not.equal('');
}

/**
 * Asserts that a SARIF log has the shape the schema and GitHub code scanning require.
 *
 * @param log - the parsed log
 */
export function assertSarifShape(log: unknown): void {
  const root = object(log, 'sarifLog', 'log');
  absoluteUri(root['$schema'], '$schema');
  expect(root['version'], 'version').to.equal('2.1.0');
  expect(root['runs'], 'runs').to.be.an('array').with.length(1);
  const run = object((root['runs'] as unknown[])[0], 'run', 'runs[0]');
  const driver = object(object(run['tool'], 'tool', 'tool')['driver'], 'toolComponent', 'tool.driver');
  expect(driver['name'], 'driver.name').to.be.a('string').and.not.equal('');
  if (run['columnKind'] !== undefined) expect(['utf16CodeUnits', 'unicodeCodePoints']).to.include(run['columnKind']);
  for (const [id, base] of Object.entries((run['originalUriBaseIds'] ?? {}) as Json)) {
    const uri = object(base, 'artifactLocation', `originalUriBaseIds.${id}`)['uri'];
    absoluteUri(uri, `originalUriBaseIds.${id}.uri`);
    expect(uri as string, 'a base URI ends with a slash').to.match(/\/$/);
  }
  const rules = (driver['rules'] ?? []) as unknown[];
  expect(rules, 'driver.rules').to.be.an('array');
  rules.forEach((value, i) => {
    const rule = object(value, 'reportingDescriptor', `rules[${i}]`);
    expect(rule['id'], `rules[${i}].id`).to.be.a('string');
    // GitHub code scanning requires both descriptions and help.text of every rule, and recommends
    // help.markdown (docs: "SARIF support for code scanning", reportingDescriptor object).
    text(rule['shortDescription'], 'multiformatMessageString', `rules[${i}].shortDescription`);
    text(rule['fullDescription'], 'multiformatMessageString', `rules[${i}].fullDescription`);
    text(rule['help'], 'multiformatMessageString', `rules[${i}].help`);
    expect((rule['help'] as Json)['markdown'], `rules[${i}].help.markdown`).to.be.a('string').and.not.equal('');
    absoluteUri(rule['helpUri'], `rules[${i}].helpUri`);
    if (rule['properties'] !== undefined) {
      // A property bag: anything, but tags are unique strings.
      const tags = object(rule['properties'], 'propertyBag', `rules[${i}].properties`)['tags'];
      if (tags !== undefined) {
        expect(tags, `rules[${i}].properties.tags`).to.be.an('array');
        for (const tag of tags as unknown[]) expect(tag).to.be.a('string');
        expect(new Set(tags as unknown[]).size, `rules[${i}].properties.tags are unique`).to.equal((tags as unknown[]).length);
      }
    }
    if (rule['defaultConfiguration'] !== undefined) {
      expect(LEVELS).to.include(object(rule['defaultConfiguration'], 'reportingConfiguration', `rules[${i}].defaultConfiguration`)['level']);
    }
  });
  const results = run['results'] as unknown[];
  expect(results, 'results').to.be.an('array');
  results.forEach((value, i) => {
    const where = `results[${i}]`;
    const result = object(value, 'result', where);
    text(result['message'], 'message', `${where}.message`);
    expect(result['ruleId'], `${where}.ruleId`).to.be.a('string');
    if (result['ruleIndex'] !== undefined) {
      const index = integer(result['ruleIndex'], 0, `${where}.ruleIndex`);
      expect((rules[index] as Json | undefined)?.['id'], `${where}.ruleIndex points at its rule`).to.equal(result['ruleId']);
    }
    if (result['level'] !== undefined) expect(LEVELS).to.include(result['level']);
    const locations = result['locations'] as unknown[];
    expect(locations, `${where}.locations`).to.be.an('array').that.is.not.empty;
    locations.forEach((loc, j) => {
      const physical = object(object(loc, 'location', `${where}.locations[${j}]`)['physicalLocation'], 'physicalLocation', `${where}.physicalLocation`);
      const artifact = object(physical['artifactLocation'], 'artifactLocation', `${where}.artifactLocation`);
      expect(artifact['uri'], `${where}.artifactLocation.uri`).to.be.a('string');
      expect(() => new URL(artifact['uri'] as string, 'file:///root/'), 'a URI reference').to.not.throw();
      if (artifact['uriBaseId'] !== undefined) expect(Object.keys((run['originalUriBaseIds'] ?? {}) as Json)).to.include(artifact['uriBaseId']);
      const region = object(physical['region'], 'region', `${where}.region`);
      const startLine = integer(region['startLine'], 1, `${where}.region.startLine`);
      const startColumn = integer(region['startColumn'], 1, `${where}.region.startColumn`);
      const endLine = integer(region['endLine'], startLine, `${where}.region.endLine`);
      const endColumn = integer(region['endColumn'], 1, `${where}.region.endColumn`);
      if (endLine === startLine) expect(endColumn, `${where}.region.endColumn`).to.be.at.least(startColumn);
    });
  });
}
