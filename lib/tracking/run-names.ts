// Run names when the client gives none, in MLflow's adjective-animal-number style.
import { randomInt } from 'node:crypto';

const ADJECTIVES = ['amber', 'bold', 'brave', 'calm', 'clever', 'crisp', 'eager', 'gentle', 'honest', 'lively', 'lucky', 'merry', 'nimble', 'quiet', 'rapid', 'sharp', 'silent', 'sunny', 'swift', 'tidy', 'vivid', 'wise'];
const ANIMALS = ['otter', 'heron', 'lynx', 'panda', 'finch', 'koala', 'yak', 'wren', 'bison', 'gecko', 'ibis', 'lemur', 'moth', 'newt', 'owl', 'puffin', 'seal', 'stoat', 'tapir', 'vole', 'whale', 'zebra'];

export function runName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${ANIMALS[randomInt(ANIMALS.length)]}-${randomInt(1000)}`;
}
