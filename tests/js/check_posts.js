// Reads a JSON array of posts on standard input and prints, for each, what X's official
// twitter-text package (parseTweet) says of it, and its grapheme clusters as
// Intl.Segmenter counts them (Bluesky's unit):
//   [{"weightedLength": 143, "valid": true, "graphemes": 140}, ...]
'use strict';
const path = require('path');
const twitter = require(path.join(__dirname, 'node_modules/twitter-text'));

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const posts = JSON.parse(input);
  const segmenter = new Intl.Segmenter('en', {granularity: 'grapheme'});
  const out = posts.map((post) => {
    const r = twitter.parseTweet(post);
    return {weightedLength: r.weightedLength, valid: r.valid, graphemes: [...segmenter.segment(post)].length};
  });
  process.stdout.write(JSON.stringify(out) + '\n');
});
