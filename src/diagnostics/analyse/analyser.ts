import type { Aggregates } from './aggregates.js';

// One kind of input: it says which files are its own and reads them line by line. The engine streams every
// file (never whole in memory, already gunzipped) and hands each line to the reader of the analyser that
// claimed the file; readers add to the shared Aggregates (sketches and capped maps, never all lines).
// Analysers are listed in analysers.ts; the first whose accepts() says yes reads the file.

export interface FileAnalyser {
  /** the kind written into BundleFile.kind */
  kind: string;
  /** claims a file by its normalised path in the archive (or the uploaded file's name, without .gz) and its
   *  first line (cut to Limits.maxLineBytes, '' for an empty file); called for every file, so keep it cheap */
  accepts(path: string, firstLine: string): boolean;
  /** once per bundle before the first open() of this analyser, e.g. to load a WASM parser */
  init?(): Promise<void>;
  /** a fresh reader for one file */
  open(path: string, into: Aggregates): FileReader;
}

export interface FileReader {
  /** one line without its newline (a line longer than Limits.maxLineBytes never reaches here: it is counted
   *  bad). Returns false when the line could not be read as this kind: the engine counts it in badLines */
  line(text: string): boolean;
  /** the file ended (or was cut short): flush what is pending; a returned string becomes the file's note */
  finish?(): string | undefined;
}
