/** Imported first by a test file that waits for a download link to expire: links last 5 s there, not 5 minutes
 * (long enough for a loaded machine to fetch a fresh link once; the signature's time is truncated to the second). */
process.env.DOWNLOAD_LINK_SECONDS = '5';
