package dev.wharf.mq.engine.broker;

import java.io.File;
import java.io.IOException;
import org.apache.activemq.broker.AbstractLocker;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.util.LockFile;
import org.apache.activemq.util.ServiceStopper;
import org.jspecify.annotations.Nullable;

final class StoreLock extends AbstractLocker {
    private final Runnable onStandby;
    private volatile boolean aborted;
    private volatile @Nullable Thread waiter;
    private volatile @Nullable LockFile held;
    private volatile @Nullable File directory;

    StoreLock(Runnable onStandby, long retryMillis) {
        this.onStandby = onStandby;
        this.setLockAcquireSleepInterval(retryMillis);
    }

    @Override
    public void configure(PersistenceAdapter persistenceAdapter) throws IOException {
        this.directory = persistenceAdapter.getDirectory();
    }

    @Override
    protected void doStart() throws Exception {
        File store = this.directory;
        if (store == null) {
            throw new IOException("the store's lock has no directory");
        }

        LockFile file = new LockFile(new File(store, "lock"), true);
        this.waiter = Thread.currentThread();
        boolean standby = false;

        try {
            while (!this.aborted && !this.isStopping() && !this.isStopped()) {
                try {
                    file.lock();
                    this.held = file;
                    return;
                } catch (IOException lockedElsewhere) {
                    if (!standby) {
                        standby = true;
                        this.onStandby.run();
                    }

                    try {
                        Thread.sleep(this.lockAcquireSleepInterval);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("the wait for the store's lock was interrupted", e);
                    }
                }
            }

            throw new IOException("the instance stopped while it waited for the store's lock");
        } finally {
            this.waiter = null;
        }
    }

    void abort() {
        this.aborted = true;
        Thread thread = this.waiter;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean keepAlive() {
        LockFile file = this.held;
        return file != null && file.keepAlive();
    }

    @Override
    protected void doStop(ServiceStopper stopper) {
        LockFile file = this.held;
        this.held = null;
        if (file != null) {
            file.unlock();
        }
    }
}
