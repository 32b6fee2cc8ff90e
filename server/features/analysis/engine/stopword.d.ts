// `stopword` ships no types; the analysis engine reads only its English list.
declare module 'stopword' {
  export const eng: readonly string[];
}
