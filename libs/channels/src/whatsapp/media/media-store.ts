import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@switchboard/engine';
import { createReadStream, ReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Media bytes on the local filesystem (a volume in Kubernetes). Keys are generated, never user input. */
@Injectable()
export class MediaStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.media.storageDir);
  }

  async put(messageId: string, bytes: Buffer): Promise<string> {
    const now = new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${messageId}`;
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename: a crash never leaves a half file under the final key.
    await writeFile(`${path}.part`, bytes);
    await rename(`${path}.part`, path);
    return key;
  }

  async open(key: string): Promise<{ stream: ReadStream; size: number } | null> {
    if (!/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/.test(key)) return null;
    const path = join(this.root, key);
    try {
      const s = await stat(path);
      return { stream: createReadStream(path), size: s.size };
    } catch {
      return null;
    }
  }
}
