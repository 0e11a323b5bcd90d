import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.js';

describe('contentDisposition', () => {
  it('keeps a plain name as it is', () => {
    expect(contentDisposition('gitlabsos.tar.gz')).toBe(
      `attachment; filename="gitlabsos.tar.gz"; filename*=UTF-8''gitlabsos.tar.gz`,
    );
  });

  it('gives a name that could break the header an ASCII fallback, and the whole name in UTF-8', () => {
    expect(contentDisposition('a"b\\c\r\nd%é.log')).toBe(
      `attachment; filename="a_b_c__d__.log"; filename*=UTF-8''a%22b%5Cc%0D%0Ad%25%C3%A9.log`,
    );
  });
});
