'use strict';

// A record processor for the KCL's MultiLangDaemon, written with npm's aws-kcl, which speaks the daemon's protocol
// over this process's standard input and output. The daemon starts one such process per shard it holds.
//
// Every event is appended to the file named by the first argument as one tab-separated line (time in milliseconds,
// event, fields), in the format of wharf-kcl-worker's event log, so that wharf-it reads the Java and the Node.js
// processors alike: INIT, REC (shard, sequence number, subsequence number, partition key, data; the protocol does not
// say whether a record came aggregated, so the Java log's last field is left out), CKPT once the daemon has
// acknowledged a checkpoint, CKPTFAIL, LOST, END and SHUTDOWN. Each line is one append, so that a
// kill leaves whole lines. Standard output belongs to the protocol: nothing else may be written to it.

const fs = require('fs');
const kcl = require('aws-kcl');

const events = process.argv[2];
if (!events) {
  process.stderr.write('usage: node processor.js EVENT_FILE\n');
  process.exit(2);
}

function write(event, ...fields) {
  fs.appendFileSync(events, [Date.now(), event, ...fields].join('\t') + '\n');
}

function recordProcessor() {
  let shardId = '?';

  // Writes the event only once the daemon has answered the checkpoint, as wharf-kcl-worker does.
  // Without a sequence number, the checkpoint is at the last record delivered; the line then says `logged`.
  function checkpoint(checkpointer, sequenceNumber, event, logged, done) {
    const answered = (err) => {
      if (err) {
        write('CKPTFAIL', shardId, logged, String(err));
      } else {
        write(event, shardId, logged);
      }
      done();
    };
    if (sequenceNumber) {
      checkpointer.checkpoint(sequenceNumber, answered);
    } else {
      checkpointer.checkpoint(answered);
    }
  }

  return {
    initialize(input, done) {
      shardId = input.shardId;
      write('INIT', shardId, String(input.sequenceNumber));
      done();
    },

    processRecords(input, done) {
      const records = input.records || [];
      if (records.length === 0) {
        done();
        return;
      }
      for (const record of records) {
        write('REC', shardId, record.sequenceNumber, String(record.subSequenceNumber || 0), record.partitionKey,
          Buffer.from(record.data, 'base64').toString('utf8'));
      }
      const last = records[records.length - 1].sequenceNumber;
      checkpoint(input.checkpointer, last, 'CKPT', last, done);
    },

    leaseLost(input, done) {
      write('LOST', shardId);
      done();
    },

    shardEnded(input, done) {
      checkpoint(input.checkpointer, null, 'END', 'SHARD_END', done);
    },

    shutdownRequested(input, done) {
      checkpoint(input.checkpointer, null, 'SHUTDOWN', '', done);
    }
  };
}

kcl(recordProcessor()).run();
