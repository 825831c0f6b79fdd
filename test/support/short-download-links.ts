/** Imported first by a test file that waits for a download link to expire: links last 2 s there, not 5 minutes. */
process.env.DOWNLOAD_LINK_SECONDS = '2';
