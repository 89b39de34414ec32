// Cold-start baseline: the runtime alone, printing the same fields as the client scripts.
console.log(JSON.stringify({ importAndCreateMs: 0, firstReplyMs: 0 }));
