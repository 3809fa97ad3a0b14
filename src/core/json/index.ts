export { parseJson, jsonAt, type JsonValue, type JsonObject, type JsonEntry, type JsonArray, type JsonString, type JsonScalar, type JsonParseResult } from './parse';
