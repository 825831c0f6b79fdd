import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { addToGroup } from '../../shared/identity/cognito';

/**
 * Cognito's post-confirmation trigger: someone who signed themselves up and verified their email becomes an
 * applicant. Staff (ADS, DDS) are created by ADS and put in their group directly; they never pass through here.
 */
export const handler = async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
  if (event.triggerSource === 'PostConfirmation_ConfirmSignUp')
    await addToGroup(event.userPoolId, event.userName, 'applicant');
  return event;
};
