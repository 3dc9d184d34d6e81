// Regenerates TraditionalToSimplified.txt from the OpenCC dictionaries (Apache-2.0) in the npm package `opencc`:
//   cd "$(mktemp -d)" && npm pack opencc@1.4.2 && tar xzf opencc-1.4.2.tgz
//   node <this file> package/data/dictionary > TraditionalToSimplified.txt
// One pair per line: the traditional character, then its simplified form (the dictionary's first choice).
// Variant forms from HKVariants/TWVariants (衞 for 衛) are added when they are neither a traditional key nor a
// simplified result already, so that they fold to the same simplified character.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const read = (name) =>
  readFileSync(join(dir, name), "utf8").split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => line.split("\t"))
    .map(([key, values]) => [key, values.split(" ")]);

const map = new Map();
for (const [key, [first]] of read("TSCharacters.txt")) {
  if (key !== first) map.set(key, first);
}
const results = new Set(map.values());
const resolve = (c) => { const seen = new Set(); while (map.has(c) && !seen.has(c)) { seen.add(c); c = map.get(c); } return c; };
for (const name of ["HKVariants.txt", "TWVariants.txt"]) {
  for (const [standard, variants] of read(name)) {
    for (const variant of variants) {
      const target = resolve(standard);
      if (variant !== standard && !map.has(variant) && !results.has(variant) && target !== variant) map.set(variant, target);
    }
  }
}
const lines = [...map.keys()].sort((a, b) => a.codePointAt(0) - b.codePointAt(0)).map((key) => key + resolve(key));
process.stdout.write(lines.join("\n") + "\n");
